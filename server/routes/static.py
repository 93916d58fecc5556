"""Fingerprinted static assets, served from memory and cached forever."""

from litestar import Response, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from server.assets import Assets
from server.responses import AnyRequest, etag_for, respond

IMMUTABLE = "public, max-age=31536000, immutable"


@get("/static/{path:path}", include_in_schema=False)
async def static_file(request: AnyRequest, assets: NamedDependency[Assets], path: FromPath[str]) -> Response[bytes]:
    asset = assets.by_url.get(f"/static{path}")
    if asset is None:
        raise NotFoundException("Ukjent fil")
    return respond(request, asset.body, etag_for(asset.body), asset.media_type, IMMUTABLE)
