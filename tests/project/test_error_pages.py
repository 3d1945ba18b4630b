"""The 404 and 500 pages are the site's own: its layout, and links back to the lists."""

from django.views.defaults import server_error


def test_unknown_address_answers_the_sites_404_page(client, db):
    response = client.get("/vendors/no-such-vendor/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'href="/vendors/"' in html and 'href="/jobs/"' in html
    assert "css/site.css" in html


def test_server_error_page_needs_nothing_but_the_templates(rf):
    """Django renders 500.html with an empty context (no request, no database): it must still render."""
    response = server_error(rf.get("/jobs/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert 'href="/vendors/"' in html and 'href="/jobs/"' in html
    assert "css/site.css" in html
