"""The ``raqam`` command line.

``raqam digest PATH|-|URL`` prints the key-figure bullets of one article
(``--json`` for the full digest); ``raqam digest --jsonl IN`` digests an
archive; ``raqam card PATH|-|URL --out card.png`` draws the figure card of
one article; ``raqam bot`` runs the Telegram bot.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_NO_FIGURES = 4


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="raqam",
        description="Key figures of Persian news reports, as bullets.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    d = sub.add_parser("digest", help="digest one article (file, - for stdin, or a URL)")
    d.add_argument("source", nargs="?", help="path to a UTF-8 text file, - for stdin, or a URL")
    d.add_argument("--json", action="store_true", help="print the whole digest as JSON")
    d.add_argument("--bullets", type=int, default=8, metavar="N", help="at most N bullets")
    d.add_argument("--title", help="title of the article")
    d.add_argument(
        "--jsonl",
        nargs="+",
        metavar="IN",
        help="batch: JSON-lines files or globs (shards), one object per line ({id, text|url})",
    )
    d.add_argument(
        "--out",
        metavar="OUT",
        help="batch: a file for one input (default stdout), or a directory (an existing one,"
        " a path ending in /, or any path with several inputs) for one output shard per input",
    )
    d.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="batch: worker processes (default 1; with --dask and no address, the CPU count)",
    )
    d.add_argument(
        "--dask",
        nargs="?",
        const="",
        default=None,
        metavar="ADDRESS",
        help="batch: digest on Dask: a local cluster, or the scheduler at ADDRESS"
        " (tcp://host:8786); needs raqam[cluster]",
    )
    d.add_argument(
        "--force",
        action="store_true",
        help="batch: redo output shards that are already complete (default: skip them)",
    )
    d.add_argument(
        "--figures",
        metavar="TABLE",
        help="batch: also write every figure as a table, TABLE.csv or TABLE.parquet",
    )

    c = sub.add_parser("card", help="draw the figure card of one article as a PNG")
    c.add_argument("source", help="path to a UTF-8 text file, - for stdin, or a URL")
    c.add_argument("--out", required=True, metavar="PNG", help="where to write the card")
    c.add_argument("--title", help="title of the article")
    c.add_argument("--theme", choices=("light", "dark"), default="light")
    c.add_argument("--digits", choices=("fa", "latin"), default="fa")
    c.add_argument("--handle", help="the bot's @handle for the footer")
    c.add_argument("--source-name", help="the source for the footer (default: the link's host)")

    sub.add_parser("bot", help="run the Telegram bot (settings from the environment / .env)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    if args.command == "bot":
        from bot.app import run_bot

        return run_bot()
    if args.command == "card":
        return _card_command(args)
    try:
        return _digest_command(args)
    except BrokenPipeError:
        # The reader went away (``raqam digest ... | head``): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _digest_command(args: argparse.Namespace) -> int:
    if args.bullets < 0:
        print("raqam: --bullets must be zero or more", file=sys.stderr)
        return EXIT_USAGE
    if args.jsonl:
        from bot.batch import run_batch

        return run_batch(
            args.jsonl,
            out=args.out,
            workers=args.workers,
            max_bullets=args.bullets,
            dask=args.dask,
            force=args.force,
            figures=args.figures,
        )
    batch_only = ("--out", args.out), ("--workers", args.workers), ("--figures", args.figures)
    for flag, value in (*batch_only, ("--dask", args.dask)):
        if value is not None:
            print(f"raqam: {flag} is for batch mode (--jsonl IN ...)", file=sys.stderr)
            return EXIT_USAGE
    if not args.source:
        print("raqam: give a file, - for stdin, or a URL (or --jsonl IN)", file=sys.stderr)
        return EXIT_USAGE

    loaded = _load(args.source, args.title)
    if isinstance(loaded, int):
        return loaded
    text, title, _ = loaded
    from summarizer import digest

    result = digest(text, title=title, max_bullets=args.bullets)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    if result.title:
        print(result.title)
    if not result.bullets:
        print(_STATUS_MESSAGES.get(result.status, "رقمی پیدا نشد."))
    for bullet in result.bullets:
        print(f"• {bullet}")
    return EXIT_OK


def _load(source: str, title: str | None) -> tuple[str, str | None, str | None] | int:
    """(text, title, link) of a file, standard input or a link; an exit code on failure."""
    if source.startswith(("http://", "https://")):
        from bot.links import LinkError, fetch_article_sync

        try:
            article = fetch_article_sync(source)
        except LinkError as exc:
            print(f"raqam: {exc}", file=sys.stderr)
            return EXIT_INPUT
        link = str(getattr(article, "final_url", None) or source)
        return article.text, title or article.title, link
    try:
        return _read_text(source), title, None
    except (OSError, UnicodeDecodeError) as exc:
        print(f"raqam: cannot read {source}: {exc}", file=sys.stderr)
        return EXIT_INPUT


def _card_command(args: argparse.Namespace) -> int:
    import time

    from bot.card.service import card_png
    from handlers.ports import ChatPrefs

    out = Path(args.out)
    if out.is_dir() or not (out.parent if str(out.parent) else Path(".")).is_dir():
        print(f"raqam: cannot write {out}: not a file in an existing directory", file=sys.stderr)
        return EXIT_USAGE
    loaded = _load(args.source, args.title)
    if isinstance(loaded, int):
        return loaded
    text, title, link = loaded
    from summarizer import digest

    result = digest(text, title=title)
    if result.status in ("empty", "not_persian"):
        print(f"raqam: {_STATUS_MESSAGES[result.status]}", file=sys.stderr)
        return EXIT_NO_FIGURES
    prefs = ChatPrefs(bullets=8, digits=args.digits, theme=args.theme)
    png = card_png(
        result,
        title=title or result.title,
        prefs=prefs,
        source=args.source_name,
        link=link,
        created_at=time.time(),
        handle=args.handle,
    )
    if png is None:
        print("raqam: در این متن رقمی برای کارت پیدا نشد.", file=sys.stderr)
        return EXIT_NO_FIGURES
    try:
        out.write_bytes(png)
    except OSError as exc:
        print(f"raqam: cannot write {out}: {exc}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


_STATUS_MESSAGES = {
    "empty": "متنی برای خلاصه کردن نیست.",
    "not_persian": "این متن فارسی نیست.",
    "no_figures": "در این متن رقمی پیدا نشد.",
}


def _read_text(source: str) -> str:
    data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    return data.decode("utf-8-sig")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
