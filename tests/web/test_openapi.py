"""The OpenAPI document describes what every JSON route returns: a schema with named fields, never an empty or
"any object" one, so a client can be generated from it and a reader knows each field."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

JSON = "application/json"


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        schema = document["components"]["schemas"][name]
    return schema


def _vague(schema: dict[str, Any], document: dict[str, Any]) -> str | None:
    """Why ``schema`` does not say what a response holds, or None when it does."""
    schema = _resolve(schema, document)
    if "anyOf" in schema:
        reasons = [_vague(option, document) for option in schema["anyOf"] if option.get("type") != "null"]
        return next((reason for reason in reasons if reason), None)
    if schema.get("type") == "array":
        return _vague(schema.get("items", {}), document)
    if schema.get("type") == "object" or "properties" in schema:
        return None if schema.get("properties") else "an object without named fields"
    return "no schema" if not schema else f"a bare {schema.get('type', 'value')}"


def test_every_json_route_describes_its_response(anonymous: TestClient) -> None:
    document = anonymous.get("/api/v1/openapi.json").json()
    problems, routes = [], 0
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            answers = {code: answer for code, answer in operation["responses"].items() if code.startswith("2")}
            assert answers, f"{method.upper()} {path}: no success response documented"
            for code, answer in answers.items():
                content = answer.get("content", {})
                if code == "204":
                    assert not content, f"{method.upper()} {path}: 204 with a body"
                    continue
                assert content, f"{method.upper()} {path}: {code} without a media type"
                if JSON in content:
                    routes += 1
                    reason = _vague(content[JSON].get("schema", {}), document)
                    if reason:
                        problems.append(f"{method.upper()} {path} {code}: {reason}")
    assert not problems, "\n".join(problems)
    assert routes >= 22


def test_a_vague_schema_is_caught() -> None:
    """The check above fails on what FastAPI writes for ``-> dict[str, object]`` and for no annotation."""
    document: dict[str, Any] = {"components": {"schemas": {"Named": {"type": "object", "properties": {"a": {}}}}}}
    loose = {"type": "object", "additionalProperties": True}
    assert _vague(loose, document) == "an object without named fields"
    assert _vague({}, document) == "no schema"
    assert _vague({"type": "array", "items": loose}, document) == "an object without named fields"
    assert _vague({"anyOf": [loose, {"type": "null"}]}, document) == "an object without named fields"
    assert _vague({"type": "array", "items": {"$ref": "#/components/schemas/Named"}}, document) is None
