"""The site as its clients read it, checked against a served copy with demo data: the Nu Html Checker over a crawl
of every page kind (`make validate`) and Lighthouse's scores (`make lighthouse`). Tooling only: no app imports it."""
