"""The OpenAPI description documents, on every operation, the answers the NLGov API Design
Rules ask for: the `API-Version` header on every response (/core/version-header) and the
error answers as problem details (/core/error-handling/problem-details)."""

from django.conf import settings

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent

PROBLEM = ResolvedComponent(
    name="Probleem",
    type=ResolvedComponent.SCHEMA,
    object="Probleem",
    schema={
        "type": "object",
        "description": "Foutmelding volgens RFC 9457 (problem details).",
        "properties": {
            "type": {
                "type": "string",
                "format": "uri-reference",
                "description": "Soort fout; `about:blank`: de statuscode zegt genoeg.",
            },
            "title": {"type": "string", "description": "Korte omschrijving van de soort fout."},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string", "description": "Uitleg bij deze fout."},
            "instance": {
                "type": "string",
                "format": "uri-reference",
                "description": "Het pad van de aanvraag die de fout gaf.",
            },
            "invalidParams": {
                "type": "array",
                "description": "Bij ongeldige parameters: per melding de parameter en de reden.",
                "items": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
                    "required": ["reason"],
                },
            },
        },
        "required": ["type", "title", "status", "detail", "instance"],
    },
)
ERRORS = {
    "400": "Ongeldige filter- of paginaparameter.",
    "401": "Ongeldige of ingetrokken API-sleutel.",
    "404": "Niet gevonden, of niet zichtbaar voor deze aanroeper; of een pagina die niet bestaat.",
    "406": "Het gevraagde formaat (Accept) wordt niet geleverd; de API levert JSON.",
    "500": "Onverwachte fout in de server.",
    "503": "De database is tijdelijk niet bereikbaar; probeer het na Retry-After seconden opnieuw.",
}


def version_header() -> ResolvedComponent:
    return ResolvedComponent(
        name="API-Version",
        type=ResolvedComponent.HEADER,
        object="API-Version",
        schema={
            "description": "De volledige versie van de API (semantic versioning).",
            "required": True,
            "schema": {"type": "string", "example": settings.API_VERSION},
        },
    )


class PortalAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        self.registry.register_on_missing(PROBLEM)
        for code, description in ERRORS.items():
            responses.setdefault(
                code,
                {
                    "description": description,
                    "content": {"application/problem+json": {"schema": PROBLEM.ref}},
                },
            )
        header = version_header()
        self.registry.register_on_missing(header)
        for response in responses.values():
            response.setdefault("headers", {})["API-Version"] = header.ref
        return responses


class TokenScheme(OpenApiAuthenticationExtension):
    """The personal API key, described in Dutch like the rest of the document
    (/core/doc-language); drf-spectacular's own description is English."""

    target_class = "rest_framework.authentication.TokenAuthentication"
    name = "tokenAuth"
    priority = 1

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Persoonlijke API-sleutel (te maken op /api-sleutel/), "
            "meegestuurd als `Authorization: Token <sleutel>`.",
        }
