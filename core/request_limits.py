"""Request bodies are bounded before anything reads them. Django refuses an oversized form only once its parser
has read that far, and a resume upload is read whole (to memory, then to a temporary file) before its size is
checked; this middleware answers 413 from the declared Content-Length alone. The proxy in front holds the same
limit (nginx `client_max_body_size`, see the README), so most such requests never reach a worker at all."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body then either


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.REQUEST_BODY_MAX_BYTES
        length = declared_length(request)
        if limit and length > limit:
            message = f"The request body is {length / 1048576:.1f} MB; the limit is {limit / 1048576:.1f} MB."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            page = (
                "<!doctype html><html lang=en><head><meta charset=utf-8><title>Too large</title></head>"
                f"<body><h1>Too large</h1><p>{message} Nothing was saved.</p></body></html>"
            )
            return HttpResponse(page, status=413)
        return self.get_response(request)
