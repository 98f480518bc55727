"""Offline assets for rendered maps: the CDN files folium links, served from npm packages.

folium 0.20 and its plugins link JavaScript and CSS from CDNs.  ``package.json`` pins the
same packages at the same versions (``leaflet.awesome-markers`` at 2.0.5, the nearest
release on npm to the CDN's 2.0.2), so a map can carry every asset inline and open with no
network at all.  :data:`CDN_ASSETS` is the one table from CDN URL to npm file; the offline
renderer and the browser tests (which route CDN requests to the same files) both read it.
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from corridormap._paths import node_modules, npm_file
from corridormap.errors import DataError

__all__ = [
    "CDN_ASSETS",
    "ExternalAssetError",
    "external_asset_urls",
    "inline_assets",
    "npm_path_for_url",
]

_JSDELIVR = "https://cdn.jsdelivr.net/npm/"
_CDNJS = "https://cdnjs.cloudflare.com/ajax/libs/"

#: CDN URL -> (npm package, file inside it).  Minified CDN names map to the unminified
#: npm file where the package ships no minified one (jsDelivr minifies on the fly).
CDN_ASSETS: dict[str, tuple[str, str]] = {
    _JSDELIVR + "leaflet@1.9.3/dist/leaflet.js": ("leaflet", "dist/leaflet.js"),
    _JSDELIVR + "leaflet@1.9.3/dist/leaflet.css": ("leaflet", "dist/leaflet.css"),
    "https://code.jquery.com/jquery-3.7.1.min.js": ("jquery", "dist/jquery.min.js"),
    _JSDELIVR + "bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": (
        "bootstrap",
        "dist/js/bootstrap.bundle.min.js",
    ),
    _JSDELIVR + "bootstrap@5.2.2/dist/css/bootstrap.min.css": (
        "bootstrap",
        "dist/css/bootstrap.min.css",
    ),
    _JSDELIVR + "@fortawesome/fontawesome-free@6.2.0/css/all.min.css": (
        "@fortawesome/fontawesome-free",
        "css/all.min.css",
    ),
    _CDNJS + "Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": (
        "leaflet.awesome-markers",
        "dist/leaflet.awesome-markers.min.js",
    ),
    _CDNJS + "Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": (
        "leaflet.awesome-markers",
        "dist/leaflet.awesome-markers.css",
    ),
    _CDNJS + "leaflet.markercluster/1.1.0/leaflet.markercluster.js": (
        "leaflet.markercluster",
        "dist/leaflet.markercluster.js",
    ),
    _CDNJS + "leaflet.markercluster/1.1.0/MarkerCluster.css": (
        "leaflet.markercluster",
        "dist/MarkerCluster.css",
    ),
    _CDNJS + "leaflet.markercluster/1.1.0/MarkerCluster.Default.css": (
        "leaflet.markercluster",
        "dist/MarkerCluster.Default.css",
    ),
    _JSDELIVR + "leaflet.fullscreen@3.0.0/Control.FullScreen.min.js": (
        "leaflet.fullscreen",
        "Control.FullScreen.js",
    ),
    _JSDELIVR + "leaflet.fullscreen@3.0.0/Control.FullScreen.css": (
        "leaflet.fullscreen",
        "Control.FullScreen.css",
    ),
    "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.js": (
        "leaflet-measure",
        "dist/leaflet-measure.min.js",
    ),
    "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.css": (
        "leaflet-measure",
        "dist/leaflet-measure.css",
    ),
    _CDNJS + "leaflet-minimap/3.6.1/Control.MiniMap.js": (
        "leaflet-minimap",
        "dist/Control.MiniMap.min.js",
    ),
    _CDNJS + "leaflet-minimap/3.6.1/Control.MiniMap.css": (
        "leaflet-minimap",
        "dist/Control.MiniMap.min.css",
    ),
    _JSDELIVR + "leaflet-search@2.9.7/dist/leaflet-search.min.js": (
        "leaflet-search",
        "dist/leaflet-search.min.js",
    ),
    _JSDELIVR + "leaflet-search@2.9.7/dist/leaflet-search.min.css": (
        "leaflet-search",
        "dist/leaflet-search.min.css",
    ),
}

# The exact tags branca writes for JavascriptLink and CssLink.
_SCRIPT_TAG = re.compile(r'<script src="([^"]+)"></script>')
_CSS_TAG = re.compile(r'<link rel="stylesheet" href="([^"]+)"\s*/>')
# What makes a browser fetch something by itself: an element's src, a stylesheet link,
# a CSS url() or @import.  Links a reader may click (<a href>) are not fetches.
_REMOTE_REF = re.compile(
    r"""<(?:script|img|iframe|embed|source|audio|video|input)\b[^>]*?\bsrc\s*=\s*["']?"""
    r"""(?:https?:)?//[^"'\s>]*"""
    r"""|<link\b[^>]*?\bhref\s*=\s*["']?(?:https?:)?//[^"'\s>]*"""
    r"""|url\(\s*["']?(?:https?:)?//[^"')\s]*"""
    r"""|@import\s+["'](?:https?:)?//[^"']*""",
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_FONT_SRC_ITEM = re.compile(r"""url\([^)]*\)\s*format\(["']?([\w-]+)["']?\)""")
# corridormap's icons are Font Awesome solid; brand logos (150 kB inlined) never appear.
_UNUSED_FONTS = {"fa-brands-400.woff2"}
_SOURCE_MAP = re.compile(r"/[/*]# sourceMappingURL=[^\n*]*(?:\*/)?")


class ExternalAssetError(DataError):
    """A map links an asset that corridormap has no vendored copy of."""


def npm_path_for_url(url: str) -> Path:
    """Local npm file that stands in for one CDN URL.

    Besides the URLs in :data:`CDN_ASSETS` this answers for the images and fonts their
    stylesheets reference relative to themselves (what a browser asks the CDN for).

    Raises
    ------
    ExternalAssetError
        If ``url`` is neither in :data:`CDN_ASSETS` nor next to one of its stylesheets.
    DataError
        If the npm package is not installed.
    """
    if url in CDN_ASSETS:
        return npm_file(*CDN_ASSETS[url])
    wanted = urlsplit(url)
    for cdn_url, (package, relative) in CDN_ASSETS.items():
        sheet = urlsplit(cdn_url)
        if not relative.endswith(".css") or sheet.netloc != wanted.netloc:
            continue
        # Stylesheets reach at most one directory up (Font Awesome: ../webfonts/).
        step = posixpath.relpath(wanted.path, posixpath.dirname(sheet.path))
        if step.count("..") > 1:
            continue
        inside = posixpath.normpath(posixpath.join(posixpath.dirname(relative), step))
        if not inside.startswith("..") and (node_modules() / package / inside).is_file():
            return npm_file(package, inside)
    raise ExternalAssetError(
        f"no vendored copy of {url!r}: add its npm package to package.json "
        "and to corridormap._render_assets.CDN_ASSETS"
    )


def external_asset_urls(html: str) -> list[str]:
    """Every remote reference (``src``, ``href``, CSS ``url()``/``@import``) in ``html``.

    Tile URL templates in JavaScript strings are not references and are not reported.
    """
    return [match.group(0) for match in _REMOTE_REF.finditer(html)]


def inline_assets(html: str) -> str:
    """Replace every linked script and stylesheet in ``html`` by its npm copy, inline.

    Images and fonts that stylesheets reference become ``data:`` URIs.  Of each icon
    font only the WOFF2 file is kept (every browser that runs Leaflet 1.9 reads WOFF2),
    and a font file already inlined by an earlier ``@font-face`` is not inlined twice:
    Font Awesome declares each file again for its v4/v5 compatibility names, which
    corridormap's icons never use.  Fonts in :data:`_UNUSED_FONTS` are left out.

    Raises
    ------
    ExternalAssetError
        If the page links an asset missing from :data:`CDN_ASSETS`.
    """

    def script(match: re.Match[str]) -> str:
        code = _read_text(npm_path_for_url(match.group(1)))
        # A literal "</script" inside the code would close the element early.
        code = code.replace("</script", "<\\/script")
        return f"<script>{code}</script>"

    def stylesheet(match: re.Match[str]) -> str:
        path = npm_path_for_url(match.group(1))
        css = _inline_css(_read_text(path), path.parent)
        return f"<style>{css}</style>"

    # A callable replacement keeps backslashes in the inlined code literal.
    html = _SCRIPT_TAG.sub(script, html)
    return _CSS_TAG.sub(stylesheet, html)


def _read_text(path: Path) -> str:
    return _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))


def _url_target(css_value: str) -> str:
    match = _CSS_URL.search(css_value)
    return match.group(2) if match else ""


def _inline_css(css: str, base: Path) -> str:
    inlined_fonts: set[Path] = set()

    def font_face(match: re.Match[str]) -> str:
        rule = match.group(0)
        woff2 = [m for m in _FONT_SRC_ITEM.finditer(rule) if m.group(1) == "woff2"]
        if not woff2:
            return rule
        files = {base / _url_target(m.group(0)) for m in woff2}
        if files <= inlined_fonts or any(f.name in _UNUSED_FONTS for f in files):
            return ""
        inlined_fonts.update(files)
        src = ",".join(m.group(0) for m in woff2)
        return re.sub(r"src\s*:[^;}]*", "src:" + src, rule, count=1)

    def data_uri(match: re.Match[str]) -> str:
        target = match.group(2)
        if target.startswith(("data:", "#")):
            return match.group(0)
        path = (base / target.split("?")[0].split("#")[0]).resolve()
        if not path.is_file():
            raise DataError(f"asset {target!r} referenced from CSS in {base} is missing")
        mime = "font/woff2" if path.suffix == ".woff2" else mimetypes.guess_type(path.name)[0]
        payload = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'url("data:{mime or "application/octet-stream"};base64,{payload}")'

    css = _FONT_FACE.sub(font_face, css)
    return _CSS_URL.sub(data_uri, css).replace("</style", "<\\/style")
