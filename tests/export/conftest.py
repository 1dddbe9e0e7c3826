"""Fixtures of the export tests: datasets to view (seeds, an invented article, a hand-made one)
and a headless Chromium (Debian's ``/usr/bin/chromium``) driven by Playwright's sync API.

Browser tests skip, saying why, only when ``/usr/bin/chromium`` is missing (``make test``
installs it). Nothing here touches the network: pages are opened from ``file://``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kg.model import Article, ArticleResult, Entity, Evidence, Fact
from kg.resolve import Resolved

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 800}

# An invented article: invented names, and text that would run if the page ever parsed it as HTML.
INVENTED_ARTICLE = "\n\n".join((
    "Harbour bill splits Veltria's parliament",
    "Verdant Party leader Marlow Quintrell criticised Governor Edda Vasquine on Tuesday over the Harbour Bill.",
    "\u201cThe plan <img src=x onerror=\"window.__pwned=1\"> is a disaster </script><script>window.__pwned=2</script>"
    " for the coast,\u201d Quintrell said.",
    "Quintrell accused Vasquine of hiding the true costs of the scheme from voters in Port Emberly.",
    "Vasquine, the governor of Veltria since 2019, defended the plan and praised the Coastal Workers Union for its"
    " campaign, which linked to javascript:alert(document.cookie) in a post.",
    "\u201cWe will build the harbour,\u201d Vasquine told reporters in Port Emberly.",
)) + "\n"

# The hand-made corpus: names and sentences carry the payloads themselves (no model needed).
EVIL_NAME = 'Ada <img src=x onerror="window.__pwned=3"> Quill'
EVIL_ALIAS = "</script><script>window.__pwned=4</script>"
EVIL_QUOTE = '<img src=x onerror="window.__pwned=5"> & </script> says it all'
LINK_SENTENCE = "Ada Quill accused Bram Oakes of fraud in a post linking to javascript:alert(1) on Monday."
HANDMADE_TEXT = (
    "Lantern Guild feud\n\n"
    f"{LINK_SENTENCE} "
    "Quill, who led the Lantern Guild from 2019 to 2023, criticised Oakes again. "
    "Mayor Bram Oakes, a member of the Lantern Guild, praised Quill. "
    "Quill, now Norvale's envoy, said: \u201c" + EVIL_QUOTE + "\u201d"
)
HANDMADE_ENTITIES = {
    "person/ada-quill": Entity("person/ada-quill", "Person", EVIL_NAME, ("Quill", EVIL_ALIAS), 4),
    "person/bram-oakes": Entity("person/bram-oakes", "Person", "Bram Oakes", ("Oakes",), 3),
    "organization/lantern-guild": Entity("organization/lantern-guild", "Organization", "Lantern Guild", (), 2),
    "place/norvale": Entity("place/norvale", "Place", "Norvale", (), 1),
}
#: What the view of the hand-made corpus must hold, counted by hand from ``handmade_resolved``.
HANDMADE_NODES = 4
HANDMADE_EDGES = {"criticises": 2, "supports": 1, "member": 3}


def handmade_resolved() -> Resolved:
    """Four entities; three facts between Ada and Bram; three memberships with an organisation
    (one in a place) and one post without; a quote. Every sentence is in ``HANDMADE_TEXT``."""
    article = Article(id="lantern-guild.txt", text=HANDMADE_TEXT, sha256="c" * 64, title="Lantern Guild feud")
    sentences = HANDMADE_TEXT.split("\n\n")[1].split(". ")

    def ev(i: int) -> Evidence:
        sentence = sentences[i] if sentences[i].endswith(("\u201d", ".")) else sentences[i] + "."
        start = HANDMADE_TEXT.index(sentence)
        return Evidence(article.id, sentence, start, start + len(sentence))

    ada, bram, guild, norvale = "person/ada-quill", "person/bram-oakes", "organization/lantern-guild", "place/norvale"
    facts = (
        Fact("criticises", ada, ev(0), "interactions.v1", object=bram, predicate="accuses", confidence=0.9),
        Fact("criticises", ada, ev(1), "interactions.v1", object=bram, confidence=0.8),
        Fact("role", ada, ev(1), "roles.v1", object=guild, role="leader", status="former", start="2019",
             end="2023", confidence=0.85),
        Fact("supports", bram, ev(2), "interactions.v1", object=ada, predicate="praises", confidence=0.7),
        Fact("role", bram, ev(2), "roles.v1", role="Mayor", status="current", confidence=0.8),
        Fact("membership", bram, ev(2), "roles.membership.v1", object=guild, confidence=0.6),
        Fact("role", ada, ev(3), "roles.v1", object=norvale, role="envoy", status="current", confidence=0.7),
        Fact("quote", ada, ev(3), "quotes.v1", text=EVIL_QUOTE, confidence=0.9),
    )
    entities = tuple(HANDMADE_ENTITIES[k] for k in sorted(HANDMADE_ENTITIES))
    return Resolved(entities=dict(sorted(HANDMADE_ENTITIES.items())),
                    articles=(ArticleResult(article, entities, facts),))


@pytest.fixture(scope="session")
def handmade_dataset() -> Any:
    """The hand-made corpus built with ``kg.graph.build`` (no model)."""
    from kg.graph.build import build_dataset

    return build_dataset(handmade_resolved())


@pytest.fixture(scope="session")
def seeds_dataset(request: pytest.FixtureRequest) -> Any:
    """The seeds' dataset: the shared ``seeds_build`` when the suite has one, else ``kg.run``."""
    try:
        return request.getfixturevalue("seeds_build").report.dataset
    except (pytest.FixtureLookupError, AttributeError):
        import kg

        if not any(SEEDS.glob("*.txt")):
            pytest.skip(f"no seed articles in {SEEDS}")
        return kg.run([SEEDS]).dataset


@pytest.fixture(scope="session")
def invented_dataset(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``kg.run`` over one invented article (written to a temp folder)."""
    import kg

    folder = tmp_path_factory.mktemp("invented")
    (folder / "harbour.txt").write_text(INVENTED_ARTICLE, encoding="utf-8")
    return kg.run([folder]).dataset


def write_page(dataset: Any, folder: Path, name: str = "graph.html") -> Path:
    """``to_html(dataset)`` written to ``folder/name``."""
    from kg.export.html import to_html

    path = folder / name
    path.write_bytes(to_html(dataset))
    return path


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, launched once per session."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium; `make test` does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class ViewPage:
    """An opened view: the Playwright page, and what it logged and requested since opening."""

    page: Any
    errors: list[str]
    requests: list[str]

    def counts(self) -> tuple[int, int]:
        """(nodes, edges) in the page's vis DataSets."""
        nodes, edges = self.page.evaluate("[kgView.nodes.length, kgView.edges.length]")
        return nodes, edges

    def search(self, text: str) -> list[str]:
        """Type ``text`` into the search box, press Enter; the selected node ids."""
        self.page.fill("#kg-search", text)
        self.page.press("#kg-search", "Enter")
        return list(self.page.evaluate("kgView.network.getSelectedNodes()"))

    def panel_text(self) -> str:
        return str(self.page.text_content("#kg-panel"))

    def dom_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        x, y = self.page.evaluate(
            """(id) => { const n = kgView.network; const p = n.canvasToDOM(n.getPositions([id])[id]);
                         const box = document.getElementById("kg-network").getBoundingClientRect();
                         return [box.left + p.x, box.top + p.y]; }""", node_id)
        return x, y


@pytest.fixture
def open_view(chromium: Any) -> Iterator[Callable[[Path], ViewPage]]:
    """Open a page from disk at 1280x800 and wait until its layout is done (``window.__kgReady``)."""
    contexts = []

    def _open(path: Path) -> ViewPage:
        context = chromium.new_context(viewport=VIEWPORT, device_scale_factor=1)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_function("() => window.__kgReady !== undefined", timeout=60_000)
        return ViewPage(page, errors, requests)

    yield _open
    for context in contexts:
        context.close()
