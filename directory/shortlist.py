"""The visitor's vendor shortlist: in the session for anonymous visitors (no account needed), on the account
once signed in (what was shortlisted before signing in joins it). It feeds the compare page."""

SESSION_KEY = "vendor_shortlist"
MAX_VENDORS = 10


class ShortlistFull(Exception):
    pass


class Shortlist:
    def __init__(self, session, user=None):
        self.session = session
        self.user = user if user is not None and user.is_authenticated else None
        if self.user is not None and self.session.get(SESSION_KEY):
            merged = list(dict.fromkeys([*self.user.vendor_shortlist, *self.session[SESSION_KEY]]))[:MAX_VENDORS]
            self._store(merged)
            del self.session[SESSION_KEY]

    @classmethod
    def for_request(cls, request):
        return cls(request.session, getattr(request, "user", None))

    @property
    def slugs(self) -> list[str]:
        if self.user is not None:
            return list(self.user.vendor_shortlist)
        return list(self.session.get(SESSION_KEY, []))

    def _store(self, slugs: list[str]) -> None:
        if self.user is not None:
            self.user.vendor_shortlist = slugs
            self.user.save(update_fields=["vendor_shortlist"])
        else:
            self.session[SESSION_KEY] = slugs

    def __contains__(self, slug: str) -> bool:
        return slug in self.slugs

    def __len__(self) -> int:
        return len(self.slugs)

    def add(self, slug: str) -> None:
        slugs = self.slugs
        if slug in slugs:
            return
        if len(slugs) >= MAX_VENDORS:
            raise ShortlistFull(f"Your shortlist holds at most {MAX_VENDORS} vendors; remove one first.")
        self._store([*slugs, slug])

    def remove(self, slug: str) -> None:
        self._store([s for s in self.slugs if s != slug])

    def keep_only(self, existing: set[str]) -> None:
        """Forget vendors that are no longer public."""
        if set(self.slugs) - existing:
            self._store([s for s in self.slugs if s in existing])
