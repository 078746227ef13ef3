"""Who a brief goes to: --to, else ``email.to``, else its distribution list, via the address book."""
from __future__ import annotations

import difflib

from ..brief.load import LoadedBrief
from ..errors import BriefError, Location, Problem
from ..i18n import LocalText
from ..text.expand import Expander
from ..infra.files import resolve_named
from .address_book import Book, load_address_book
from .addresses import Recipient, address_problem, parse_recipient, recipient
from .templates import one_line

DISTRIBUTION_LISTS = ("report_to", "send_to", "issue_to", "cc")


def resolve_recipients(loaded: LoadedBrief, expander: Expander, cli_to: list[str] | None = None) -> list[Recipient]:
    """The checked recipients of one brief, each address once; raises BriefError with every problem.

    ``--to`` addresses replace the brief's own recipients. Without ``email.to`` the brief goes to
    every name on its distribution list (报/送/发/抄送), each looked up in the address book.
    """
    problems: list[Problem] = []
    found: list[Recipient] = []

    def add(result):
        rec, errs = result
        problems.extend(errs)
        if rec:
            found.append(rec)

    email = loaded.brief.email
    if cli_to:
        for text in cli_to:
            add(parse_recipient(text, Location("--to")))
    else:
        book, book_name = _book(loaded, problems)
        if email and email.to:
            entries = [(("email", "to", i), item) for i, item in enumerate(email.to)]
        else:
            dist = loaded.brief.distribution
            entries = [(("distribution", key, i), item) for key in DISTRIBUTION_LISTS
                       for i, item in enumerate(getattr(dist, key) if dist else [])]
        for path, item in entries:
            where = loaded.locate(path)
            if not isinstance(item, str):  # {name, address}
                name, errs = one_line(expander, loaded, path + ("name",), item.name or "")
                problems.extend(errs)
                add(recipient(name, item.address, loaded.locate(path + ("address",))))
                continue
            text, errs = one_line(expander, loaded, path, item)
            problems.extend(errs)
            if errs:
                continue
            if "@" in text or "<" in text:
                add(parse_recipient(text, where))
            elif book is None:
                if not book_name:  # a book that failed to load was reported already
                    problems.append(Problem(where, "email_no_book", {"name": text}))
            elif text not in book:
                match = difflib.get_close_matches(text, list(book), n=1)
                hint = LocalText.of("did_you_mean", suggestion=match[0]) if match else ""
                problems.append(Problem(where, "email_unknown_name", {"name": text, "book": book_name, "hint": hint}))
            else:
                for address, at in book[text]:
                    bad = address_problem(address.strip(), at)
                    if bad:
                        problems.append(bad)
                    else:
                        found.append(Recipient(text, address.strip(), at))
    if not found and not problems:
        problems.append(Problem(loaded.locate(("email",)), "email_no_recipients"))
    if problems:
        raise BriefError(problems)
    unique, seen = [], set()
    for rec in found:
        if rec.address.lower() not in seen:
            seen.add(rec.address.lower())
            unique.append(rec)
    return unique


def _book(loaded: LoadedBrief, problems: list[Problem]) -> tuple[Book | None, str]:
    email = loaded.brief.email
    if not email or not email.address_book:
        return None, ""
    where = loaded.locate(("email", "address_book"))
    try:
        path = resolve_named(email.address_book, loaded.folder, where)
        return load_address_book(path, where), email.address_book
    except BriefError as exc:
        problems.extend(exc.problems)
        return None, email.address_book
