from directory.shortlist import Shortlist


def shortlist(request):
    """The shortlist's size for the header link; reads the session only (no query beyond loading it)."""
    return {"shortlist_count": len(Shortlist(request.session)) if hasattr(request, "session") else 0}
