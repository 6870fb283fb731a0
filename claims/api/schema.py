"""OpenAPI post-processing: every operation documents the error responses the API can give."""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {}, "code": {"type": "string"}},
    "additionalProperties": True,
}
ERRORS = {
    "400": "Bad input: an unknown filter value, a malformed date or cursor, or invalid fields.",
    "401": "No credentials: send `Authorization: Token <key>` or log in.",
    "403": "Authenticated, but the role does not allow this (e.g. `status=any` needs an editor).",
    "404": "No such object.",
    "406": "The requested format is not available here.",
    "415": "Unsupported request media type.",
    "429": "Too many requests for this user; retry after the number of seconds in Retry-After.",
}


REVIEW_ERRORS = {
    "409": "A stale `version` (someone changed the item; the body says what), or `code: locked`: the item is "
    "verified or rejected, and an editor reopens it before its verdict, evidence, speaker or span can change.",
    "503": "The article is being written by someone else (extraction, another review): retry after Retry-After.",
}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                if code == "404" and "{" not in path and method == "get" and "/export/" not in path:
                    continue
                if code == "415" and method == "get":
                    continue
                responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": ref}}}
                )
            if method in ("post", "put", "patch"):
                responses.setdefault(
                    "413",
                    {"description": "The request body is too large.", "content": {"application/json": {"schema": ref}}},
                )
                if "/{id}/" in path:  # the review actions
                    for code, description in REVIEW_ERRORS.items():
                        responses.setdefault(
                            code, {"description": description, "content": {"application/json": {"schema": ref}}}
                        )
    return result
