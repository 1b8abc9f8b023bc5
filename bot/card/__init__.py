"""Figure cards: a shareable PNG of a digest's key figures.

- :mod:`bot.card.text`: Persian line layout (joining, bidi order, wrapping).
- :mod:`bot.card.font`: the font at a ladder of sizes (few faces open), and its
  character map.
- :mod:`bot.card.content`: which figures a card shows, written out.
- :mod:`bot.card.draw`: placing, measuring and drawing.
- :mod:`bot.card.service`: the service behind :class:`handlers.ports.CardMaker`.
"""
