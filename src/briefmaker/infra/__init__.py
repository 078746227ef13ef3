"""Plumbing with no knowledge of briefs or documents: atomic file writes, cache folders, running
a function in a forked child, reading files a brief names within limits."""
