"""The faceted list pages: a FilterSet, its facet counts, forgiving pagination and htmx partial updates.

The whole state lives in the query string, so a list can be bookmarked and shared. A query string the
page cannot use in full (an unknown value, text where a number belongs, a page past the end) still shows
the list: the unusable part is left out and a notice says so.
"""

from dataclasses import replace

from django.core.paginator import InvalidPage
from django.utils.cache import patch_vary_headers
from django.views.generic import ListView

from core.pagination import COUNT_LIMIT, DEFAULT_PAGE_SIZE, MAX_PAGE_NUMBER, MAX_PAGE_SIZE, CappedPaginator
from core.sql import CACHED_COUNT_MIN, PagedRows, selection_key


class FacetedListView(ListView):
    filterset_class = None
    paginator_class = CappedPaginator
    # The template's partial (`{% partialdef results %}`) that htmx requests swap in.
    partial_name = "results"
    # Filters fixed by the URL of a landing page, merged into the query string's.
    fixed_filters: dict[str, list[str]] = {}

    def get_filter_data(self):
        data = self.request.GET.copy()
        for name, values in self.get_fixed_filters().items():
            data.setlist(name, list(dict.fromkeys([*values, *data.getlist(name)])))
        return data

    def get_fixed_filters(self) -> dict[str, list[str]]:
        return self.fixed_filters

    def get_queryset(self):
        self.notices = []
        self.filterset = self.filterset_class(
            self.get_filter_data(), queryset=super().get_queryset(), request=self.request
        )
        self.notices.extend(self.filterset.drop_invalid_values())
        for name, errors in self.filterset.errors.items():
            label = self.filterset.filters[name].label if name in self.filterset.filters else name
            self.notices.append(f"{label}: {' '.join(errors)} This filter was left out.")
        return self.filterset.qs

    def get_paginate_by(self, queryset):
        raw = self.request.GET.get("page_size")
        if raw is None:
            return DEFAULT_PAGE_SIZE
        try:
            size = int(raw)
        except ValueError:
            self.notices.append(f"Page size must be a whole number; showing {DEFAULT_PAGE_SIZE} per page.")
            return DEFAULT_PAGE_SIZE
        return min(max(size, 1), MAX_PAGE_SIZE)

    def paginate_queryset(self, queryset, page_size):
        # The page's keys first (a search's tier by tier), then only its rows.
        # The total comes with the facet counts (one query counts both). Taken from the cache, a big total may be
        # a minute old (the last of 500 pages may lag); a small one is counted again, so a short list is current.
        self.filterset.count_whole_total = True
        # A selection counted over its newest records (a job search) is counted over those these pages reach
        # (2,000 at 20 a page), not the 10,000 the API's pages of 100 reach: reading a common phrase's newest
        # 10,001 was most of a search page's first render (bench/README.md).
        self.filterset.page_facet_bound = MAX_PAGE_NUMBER * page_size
        self.facets = self.filterset.cached_facets(self.request.path)
        total = self.filterset.total
        known = None
        if self.filterset.total_is_whole:
            known = min(total, COUNT_LIMIT)  # as counting it apart gives it
        elif self.filterset.facets_exact and (self.filterset.total_is_current or total >= CACHED_COUNT_MIN):
            known = total
        elif total > COUNT_LIMIT:
            # Counted over a bound that bit (`facets_exact` False), a total is not the selection's, but one past
            # `COUNT_LIMIT` says the selection is too: all the pages need, and what counting it would show.
            known = COUNT_LIMIT
        # Otherwise counted apart; a big total is kept in the cache for a minute like the facet counts
        # (`PagedRows.count`).
        count_key = selection_key(self.request.path, self.request.GET)
        rows = PagedRows(queryset, lambda page: page, count_key, total=known)
        paginator = self.get_paginator(rows, page_size)
        requested = self.request.GET.get(self.page_kwarg)
        page = paginator.get_page(requested)
        if requested is not None and str(page.number) != requested.strip():
            try:
                paginator.validate_number(requested)
            except InvalidPage:
                if paginator.is_capped and requested.strip().isdigit() and int(requested) > MAX_PAGE_NUMBER:
                    self.notices.append(
                        f"Pages stop at {MAX_PAGE_NUMBER}; showing page {page.number}. Narrow the search with a "
                        "filter or a search word to reach the rest."
                    )
                else:
                    self.notices.append(f"There is no page {requested[:20]!r}; showing page {page.number}.")
        return paginator, page, page.object_list, page.has_other_pages()

    def is_partial_request(self) -> bool:
        htmx = getattr(self.request, "htmx", None)
        return bool(htmx) and not htmx.history_restore_request

    def get_template_names(self):
        names = super().get_template_names()
        if self.is_partial_request():
            return [f"{name}#{self.partial_name}" for name in names]
        return names

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        context["facets"] = facets = self.facets
        for name, values in self.get_fixed_filters().items():
            if name in facets:
                facet = facets[name]
                facet.options = [replace(o, locked=True) if o.value in values else o for o in facet.options]
        context["notices"] = self.notices
        context["fixed_filters"] = self.get_fixed_filters()
        context["canonical_query"] = self.canonical_query(context["page_obj"])
        return context

    def canonical_query(self, page) -> str:
        """The canonical URL of a list page keeps only the page number: filtered views are not indexed."""
        return f"?page={page.number}" if page.number > 1 else ""

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # The same URL answers a full page or a partial: caches must keep them apart.
        patch_vary_headers(response, ["HX-Request"])
        return response
