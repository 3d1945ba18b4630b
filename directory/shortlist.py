"""The visitor's vendor shortlist, kept in the session: no account needed. It feeds the compare page."""

SESSION_KEY = "vendor_shortlist"
MAX_VENDORS = 10


class ShortlistFull(Exception):
    pass


class Shortlist:
    def __init__(self, session):
        self.session = session

    @property
    def slugs(self) -> list[str]:
        return list(self.session.get(SESSION_KEY, []))

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
        self.session[SESSION_KEY] = [*slugs, slug]

    def remove(self, slug: str) -> None:
        self.session[SESSION_KEY] = [s for s in self.slugs if s != slug]

    def keep_only(self, existing: set[str]) -> None:
        """Forget vendors that are no longer public."""
        if set(self.slugs) - existing:
            self.session[SESSION_KEY] = [s for s in self.slugs if s in existing]
