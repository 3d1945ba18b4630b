from directory.shortlist import Shortlist


def shortlist(request):
    """The shortlist's size for the header link: from the session, or from the signed-in user already loaded."""
    return {"shortlist_count": len(Shortlist.for_request(request)) if hasattr(request, "session") else 0}
