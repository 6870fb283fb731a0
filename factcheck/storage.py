"""Static files in production: whitenoise's compressed, hashed storage, with ES module imports rewritten.

The reader's scripts are native ES modules (`import … from "./inspector.js"`); rewriting those imports to
the hashed names keeps every module cache-busted together with `main.js`.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
