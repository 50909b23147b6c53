import { describe, expect, it } from 'vitest';
import { isWebRequestClass, isWebUploadClass } from '../src/index.js';

describe('web framework classes (one list for every rule)', () => {
  it('knows the request classes', () => {
    for (const q of ['fastapi.Request', 'starlette.requests.Request', 'aiohttp.web.BaseRequest', 'flask.Request', 'flask.wrappers.Request', 'werkzeug.wrappers.Request', 'quart.Request', 'django.http.HttpRequest', 'django.http.request.HttpRequest', 'sanic.request.Request']) {
      expect(isWebRequestClass(q), q).toBe(true);
    }
    for (const q of ['requests.Request', 'urllib.request.Request', 'flask.Flask', 'fastapi.UploadFile']) expect(isWebRequestClass(q), q).toBe(false);
  });

  it('knows the uploaded-file classes', () => {
    for (const q of ['fastapi.UploadFile', 'starlette.datastructures.UploadFile', 'werkzeug.FileStorage', 'werkzeug.datastructures.FileStorage', 'django.core.files.uploadedfile.UploadedFile', 'django.core.files.uploadedfile.InMemoryUploadedFile', 'django.core.files.uploadedfile.TemporaryUploadedFile', 'sanic.request.File']) {
      expect(isWebUploadClass(q), q).toBe(true);
    }
    for (const q of ['builtins.open', 'io.BytesIO', 'fastapi.Request', 'django.core.files.File']) expect(isWebUploadClass(q), q).toBe(false);
  });
});
