"""A custom CallbackContext whose typed attributes are the services.

The application puts each service in ``bot_data`` under the keys below;
handlers read them as ``context.store``, ``context.renderer`` and so on.
"""

from __future__ import annotations

from typing import Any, cast

from telegram.ext import Application, CallbackContext, ExtBot

from handlers.merger import ArticleMerger
from handlers.ports import CardMaker, DigestService, Limits, LinkService, Renderer, Store

DIGESTER = "raqam.digester"
STORE = "raqam.store"
RENDERER = "raqam.renderer"
LINKS = "raqam.links"
LIMITS = "raqam.limits"
MERGER = "raqam.merger"
CARDS = "raqam.cards"


class RaqamContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with the services as typed attributes."""

    @property
    def digester(self) -> DigestService:
        return cast(DigestService, self.bot_data[DIGESTER])

    @property
    def store(self) -> Store:
        return cast(Store, self.bot_data[STORE])

    @property
    def renderer(self) -> Renderer:
        return cast(Renderer, self.bot_data[RENDERER])

    @property
    def links(self) -> LinkService:
        return cast(LinkService, self.bot_data[LINKS])

    @property
    def limits(self) -> Limits:
        return cast(Limits, self.bot_data[LIMITS])

    @property
    def cards(self) -> CardMaker:
        return cast(CardMaker, self.bot_data[CARDS])

    @property
    def merger(self) -> ArticleMerger[RaqamContext]:
        return cast("ArticleMerger[RaqamContext]", self.bot_data[MERGER])


RaqamApp = Application[Any, RaqamContext, Any, Any, Any, Any]
