"""The OpenAPI description documents the error answers every API operation can give."""

from drf_spectacular.openapi import AutoSchema

ERROR = {
    "type": "object",
    "description": "Foutmelding: `detail`, of per parameter een lijst met meldingen.",
    "additionalProperties": True,
}
ERRORS = {
    "400": "Ongeldige filter- of paginaparameter.",
    "401": "Ongeldige of ingetrokken API-sleutel.",
    "404": "Niet gevonden, of niet zichtbaar voor deze aanroeper; of een pagina die niet bestaat.",
}


class PortalAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERRORS.items():
            responses.setdefault(
                code,
                {"description": description, "content": {"application/json": {"schema": ERROR}}},
            )
        return responses
