"""newskg: a knowledge graph of who holds which post and who criticises whom, from news.

    >>> import kg
    >>> dataset = kg.build(["seeds/"])          # doctest: +SKIP
    >>> kg.export(dataset, "exports/")          # doctest: +SKIP
"""

from __future__ import annotations

from kg.export import export
from kg.pipeline import build, run

__all__ = ["build", "export", "run"]
__version__ = "0.1.0"
