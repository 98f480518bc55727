"""HTML fragments of the map: popups, the legend and the map-wide controls corridormap adds.

Every string here that came from a document or a geocoder goes through :func:`esc`.
folium embeds popup HTML in a JavaScript template literal, so escaping for HTML alone is
not enough: ``${...}`` would run as code and a stray backslash (``C:\\users``) is a syntax
error that blanks the whole map.  :func:`esc` therefore also turns ``$``, ``\\`` and the
backtick into character references, which read the same once the browser parses them.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

__all__ = [
    "DateFilter",
    "Legend",
    "PageStyle",
    "SearchControl",
    "corridor_popup",
    "crossing_popup",
    "esc",
    "place_popup",
    "waypoint_popup",
]

#: How many quoting sentences a popup lists before it says how many more there are;
#: a place named in hundreds of documents would otherwise carry them all into the page.
MAX_QUOTES = 12

#: Short forms for the legend.
ACCURACY_LABELS = {
    "schematic": "Schematic: waypoints joined",
    "terrain": "Terrain: least-cost path",
    "traced": "Traced: mapped alignment",
}
ACCURACY_WORDS = {
    "schematic": "schematic: waypoints joined, not a surveyed route",
    "terrain": "terrain: a least-cost path over coarse terrain, not a surveyed route",
    "traced": "traced: follows a mapped or published alignment",
}
SOURCE_WORDS = {
    "inferred": "inferred from the text",
    "reference": "from a reference dataset",
    "spec": "from a user-written spec",
}

_JS_TEMPLATE_UNSAFE = str.maketrans({"$": "&#36;", "\\": "&#92;", "`": "&#96;"})


def esc(value: object) -> str:
    """Escape any value for HTML that folium places inside a JavaScript template literal."""
    return html.escape("" if value is None else str(value), quote=True).translate(
        _JS_TEMPLATE_UNSAFE
    )


def js_string(value: str) -> str:
    """A JavaScript string literal that is also safe inside a ``<script>`` element."""
    return (
        json.dumps(value)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027")
    )


def _km(value: object) -> str:
    if isinstance(value, int | float):
        return f"{value:,.0f} km" if value >= 10 else f"{value:,.1f} km"
    return "unknown"


def _quotes(items: Sequence[Mapping[str, Any]], total: object = None) -> str:
    """The first quotes as a list; ``total`` (if larger) is the count before a corpus
    run kept only a few, so "… and N more" stays exact."""
    if not items:
        return ""
    rows = []
    for item in items[:MAX_QUOTES]:
        source = esc(item.get("doc_title") or item.get("doc") or "unknown document")
        date = f", {esc(item['date'])}" if item.get("date") else ""
        quote = esc(item.get("quote", ""))
        rows.append(f'<li><q>{quote}</q> <span class="cm-src">— {source}{date}</span></li>')
    count = total if isinstance(total, int) and total > len(items) else len(items)
    more = count - min(len(items), MAX_QUOTES)
    if more > 0:
        rows.append(f"<li>… and {more} more</li>")
    return f'<ul class="cm-quotes">{"".join(rows)}</ul>'


def _table(rows: Iterable[tuple[str, str]], head: tuple[str, str] | None = None) -> str:
    body = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    header = f"<tr><th>{head[0]}</th><th>{head[1]}</th></tr>" if head else ""
    return f'<table class="cm-table">{header}{body}</table>'


def corridor_title(props: Mapping[str, Any]) -> str:
    """A corridor's title, unescaped: its project's name first where the text gave one
    ("Celtic Interconnector: Knockraha–La Martyre power line")."""
    name = str(props.get("name") or props.get("id") or "")
    project = props.get("project")
    return f"{project}: {name}" if project else name


def corridor_popup(props: Mapping[str, Any]) -> str:
    """Popup HTML of one corridor from its Feature properties (see ``build_map``)."""
    length = _km(props.get("length_km"))
    band = props.get("length_estimate_km")
    if isinstance(band, Sequence) and len(band) == 2:
        length += f" drawn; likely built {_km(band[0])}–{_km(band[1])}"
    facts = [
        ("Kind", esc(props.get("kind"))),
        ("Status", esc(props.get("status"))),
        ("Length", esc(length)),
        ("Countries", esc(" → ".join(map(str, props.get("countries") or [])) or "unknown")),
        ("Route", esc(ACCURACY_WORDS.get(props.get("route_accuracy", ""), "unknown accuracy"))),
        ("Geometry", esc(SOURCE_WORDS.get(props.get("geometry_source", ""), "unknown source"))),
    ]
    parts = [f"<h4>{esc(corridor_title(props))}</h4>", _table(facts)]
    by_country = props.get("length_by_country_km") or {}
    if by_country:
        total = sum(v for v in by_country.values() if isinstance(v, int | float)) or 1.0
        rows = [
            (esc(code), f"{esc(_km(km))} ({100 * km / total:.0f}%)")
            for code, km in by_country.items()
            if isinstance(km, int | float)
        ]
        parts.append("<h5>Length by country</h5>" + _table(rows, ("Country", "Length")))
    crossings = props.get("border_crossings") or []
    if crossings:
        items = "".join(
            f"<li>{esc(c.get('from'))} → {esc(c.get('to'))}"
            f"{': ' + esc(c['name']) if c.get('name') else ''}</li>"
            for c in crossings
        )
        parts.append(f"<h5>Border crossings</h5><ul>{items}</ul>")
    evidence = props.get("evidence") or []
    if evidence:
        parts.append("<h5>Sources</h5>" + _quotes(evidence, props.get("evidence_count")))
    return f'<div class="cm-popup">{"".join(parts)}</div>'


def place_popup(place: Mapping[str, Any]) -> str:
    """Popup HTML of one place: what it is, how often it is mentioned, and where."""
    facts = [
        ("Type", esc(place.get("feature"))),
        ("Country", esc(place.get("country_code") or "—")),
        ("Mentions", esc(place.get("mention_count", len(place.get("mentions") or [])))),
    ]
    if place.get("population"):
        facts.append(("Population", esc(f"{int(place['population']):,}")))
    quotes = _quotes(place.get("mentions") or [])
    return (
        f'<div class="cm-popup"><h4>{esc(place.get("name"))}</h4>{_table(facts)}'
        f"{'<h5>Mentioned in</h5>' + quotes if quotes else ''}</div>"
    )


def crossing_popup(crossing: Mapping[str, Any], corridors: Sequence[str]) -> str:
    """Popup HTML of one border crossing and the corridors that pass it."""
    title = crossing.get("name") or f"{crossing.get('from')} → {crossing.get('to')} border"
    items = "".join(f"<li>{esc(name)}</li>" for name in corridors)
    return (
        f'<div class="cm-popup"><h4>{esc(title)}</h4>'
        f"{_table([('From', esc(crossing.get('from'))), ('To', esc(crossing.get('to')))])}"
        f"<h5>Corridors</h5><ul>{items}</ul></div>"
    )


def waypoint_popup(waypoint: Mapping[str, Any], corridor: str) -> str:
    """Popup HTML of one routing waypoint."""
    facts = [("Corridor", esc(corridor)), ("Role", esc(waypoint.get("role") or "via"))]
    if waypoint.get("anchor"):
        facts.append(("Anchor", esc(waypoint["anchor"])))
    return f'<div class="cm-popup"><h4>{esc(waypoint.get("name"))}</h4>{_table(facts)}</div>'


def _line_sample(color: str, dash: str | None, weight: float, opacity: float) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="44" height="12" aria-hidden="true"><line x1="2" y1="6" x2="42" y2="6" '
        f'stroke="{color}" stroke-width="{weight}" stroke-opacity="{opacity}"'
        f'{dash_attr} stroke-linecap="round"/></svg>'
    )


def legend_html(
    title: str,
    kinds: Sequence[tuple[str, str]],
    statuses: Sequence[tuple[str, str | None, float]],
    accuracies: Sequence[tuple[str, float, float]],
    marker_rows: Sequence[tuple[str, str]],
) -> str:
    """The legend's inner HTML; every label is corridormap's own text except ``title``."""
    # <details> lets a reader fold the legend away when it covers the data.
    rows = [f'<details open><summary class="cm-legend-title">{esc(title)}</summary><b>Kind</b>']
    rows += [f"<div>{_line_sample(c, None, 4, 1)} {esc(label)}</div>" for label, c in kinds]
    rows.append("<b>Status</b>")
    rows += [
        f"<div>{_line_sample('#555', dash, 3, opacity)} {esc(label)}</div>"
        for label, dash, opacity in statuses
    ]
    rows.append("<b>Route accuracy</b>")
    rows += [
        f"<div>{_line_sample('#555', None, weight, opacity)} {esc(label)}</div>"
        for label, weight, opacity in accuracies
    ]
    rows += [f"<div>{symbol} {esc(label)}</div>" for symbol, label in marker_rows]
    return "".join(rows) + "</details>"


class Legend(MacroElement):
    """A Leaflet control in the bottom-left corner holding the categorical legend."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomleft"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "cm-legend leaflet-control");
            div.innerHTML = {{ this.content }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, inner_html: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Legend"
        self.content = js_string(inner_html)


class SearchControl(JSCSSMixin, MacroElement):
    """One leaflet-search box over several layers at once (folium's Search takes one).

    Each searchable marker or line carries its label in the ``searchName`` option.  The
    drop-down lists labels with ``textContent``, so a hostile name shows as text.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = new L.Control.Search({
            layer: L.layerGroup([
                {% for layer in this.layers %}{{ layer.get_name() }},{% endfor %}
            ]),
            propertyName: "searchName",
            initial: false,
            marker: false,
            collapsed: true,
            textPlaceholder: "Search places and corridors",
            position: "topleft",
            buildTip: function (text) {
                var tip = L.DomUtil.create("li", "");
                tip.textContent = text;
                return tip;
            },
            moveToLocation: function (latlng, title, map) {
                var layer = latlng.layer;
                if (layer && layer.getBounds) {
                    map.fitBounds(layer.getBounds(), {maxZoom: 9});
                } else {
                    map.setView(latlng, Math.max(map.getZoom(), 8));
                }
            }
        });
        {{ this.get_name() }}.on("search:locationfound", function (e) {
            // A click, not openPopup(): lazy popups fill their content on the first click.
            if (e.layer && e.layer.getPopup && e.layer.getPopup()) {
                e.layer.fire("click", {latlng: e.latlng});
            }
        });
        {{ this._parent.get_name() }}.addControl({{ this.get_name() }});
        {% endmacro %}
        """
    )

    # folium declares these as per-instance lists; the class-level default is its idiom.
    default_js = [  # noqa: RUF012
        (
            "Leaflet.Search.js",
            "https://cdn.jsdelivr.net/npm/leaflet-search@2.9.7/dist/leaflet-search.min.js",
        )
    ]
    default_css = [  # noqa: RUF012
        (
            "Leaflet.Search.css",
            "https://cdn.jsdelivr.net/npm/leaflet-search@2.9.7/dist/leaflet-search.min.css",
        )
    ]

    def __init__(self, layers: Sequence[Element]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "SearchControl"
        self.layers = list(layers)


PAGE_CSS = """
.cm-popup { font: 13px/1.35 system-ui, sans-serif; max-width: 420px; }
.cm-popup h4 { font-size: 15px; margin: 0 0 4px; }
.cm-popup h5 { font-size: 13px; margin: 8px 0 2px; }
.cm-table { border-collapse: collapse; margin: 2px 0; }
.cm-table td, .cm-table th { border-bottom: 1px solid #ddd; padding: 1px 8px 1px 0;
  vertical-align: top; text-align: left; }
.cm-quotes { margin: 2px 0; padding-left: 16px; max-height: 180px; overflow-y: auto; }
.cm-quotes q { font-style: italic; }
.cm-src { color: #555; }
.cm-legend { background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.3 system-ui, sans-serif;
  max-height: 60vh; max-width: 300px; overflow-y: auto; overflow-wrap: anywhere; }
.cm-legend svg { vertical-align: middle; }
.cm-legend-title { font-weight: 600; font-size: 13px; cursor: pointer; }
.cm-legend b { display: block; margin-top: 4px; }
.cm-dates { background: rgba(255,255,255,0.92); padding: 4px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.3 system-ui, sans-serif; }
"""


class PageStyle(MacroElement):
    """corridormap's own CSS (popups, legend, the blank background of offline maps)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        """
    )

    def __init__(self, css: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "PageStyle"
        self.css = css


class DateFilter(MacroElement):
    """A slider that shows only corridors first stated on or before the chosen date.

    ``entries`` pairs each dated line with the layer group that holds it; lines without a
    date are not listed and always stay.  Hiding removes a line from its group, so a group
    switched off in the layer control stays off.  Dates are ISO strings padded to full
    dates, which compare correctly as text.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var entries = [
                {% for line, group, date in this.entries %}
                [{{ line.get_name() }}, {{ group.get_name() }}, {{ date }}],
                {% endfor %}
            ];
            var dates = {{ this.dates }};
            var control = L.control({position: "topright"});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", "cm-dates leaflet-control");
                var label = L.DomUtil.create("div", "", div);
                var input = L.DomUtil.create("input", "", div);
                input.type = "range";
                input.min = 0;
                input.max = dates.length - 1;
                input.step = 1;
                input.value = dates.length - 1;
                label.textContent = "Stated by " + dates[dates.length - 1];
                input.addEventListener("input", function () {
                    var limit = dates[Number(input.value)];
                    label.textContent = "Stated by " + limit;
                    entries.forEach(function (entry) {
                        if (entry[2] <= limit) {
                            entry[1].addLayer(entry[0]);
                        } else {
                            entry[1].removeLayer(entry[0]);
                        }
                    });
                });
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, entries: Sequence[tuple[Element, Element, str]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "DateFilter"
        self.entries = [(line, group, js_string(date)) for line, group, date in entries]
        self.dates = js_string_list(sorted({date for _, _, date in entries}))


def js_string_list(values: Sequence[str]) -> str:
    """A JavaScript array of string literals, safe inside a ``<script>`` element."""
    return "[" + ", ".join(js_string(value) for value in values) + "]"
