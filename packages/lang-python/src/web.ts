/**
 * The classes of the Python web frameworks that carry what a client sent, by qualified name, for every rule
 * that asks whether a value came from a request (one list: torch's data origins and hf's staged uploads).
 */

/** A framework's request object (`async def predict(request: Request)`; Flask's `request.files`, Django's `request.FILES`). */
const WEB_REQUEST = /^(?:(?:fastapi|starlette)\.(?:requests\.)?Request|aiohttp\.(?:web\.(?:Base)?Request|web_request\.Request)|(?:flask|werkzeug|quart)\.(?:wrappers\.)?Request|django\.http\.(?:request\.)?HttpRequest|sanic\.(?:request\.)?Request)$/;

/** A file a client uploaded (`f: UploadFile`, werkzeug's `FileStorage`, Django's `UploadedFile` and its kinds, Sanic's `File`). */
const WEB_UPLOAD = /^(?:(?:fastapi|starlette)\.(?:datastructures\.)?UploadFile|werkzeug\.(?:datastructures\.)?FileStorage|django\.core\.files\.uploadedfile\.\w*UploadedFile|sanic\.request\.File)$/;

export function isWebRequestClass(qualifiedName: string): boolean {
  return WEB_REQUEST.test(qualifiedName);
}

export function isWebUploadClass(qualifiedName: string): boolean {
  return WEB_UPLOAD.test(qualifiedName);
}
