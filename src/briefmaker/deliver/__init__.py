"""Emailing finished briefs: settings, recipients, messages, the delivery log and SMTP sending.

``send.plan`` builds and checks everything before a connection is made; ``send.deliver`` sends
(or, for a dry run, writes .eml files). Nothing here prints; ``cli.py`` reports the outcomes.
"""
