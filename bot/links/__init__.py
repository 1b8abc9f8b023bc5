"""Reading news links: find them in messages, fetch them safely, extract the article.

Pure library code (no Telegram). The bot and the command line use
:func:`find_links`, :func:`fetch_article` / :func:`fetch_article_sync`,
:class:`ArticleCache` and :class:`LinkError`; :class:`LinkSettings` holds
the limits and the address policy.
"""

from bot.links.article import Article
from bot.links.cache import ArticleCache
from bot.links.errors import LinkError
from bot.links.fetch import fetch_article, fetch_article_sync, fetch_first
from bot.links.settings import LinkSettings
from bot.links.transport import make_client
from bot.links.urls import check_url, find_links

__all__ = [
    "Article",
    "ArticleCache",
    "LinkError",
    "LinkSettings",
    "check_url",
    "fetch_article",
    "fetch_article_sync",
    "fetch_first",
    "find_links",
    "make_client",
]
