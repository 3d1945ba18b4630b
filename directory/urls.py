from django.urls import path

from directory import business_views, organization_views, views

app_name = "directory"

urlpatterns = [
    path("", views.VendorListView.as_view(), name="vendor_list"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("match/", views.VendorMatchView.as_view(), name="match"),
    path("shortlist/", views.ShortlistView.as_view(), name="shortlist"),
    path("services/<slug:slug>/", views.ServiceVendorListView.as_view(), name="service_vendors"),
    path("countries/<str:code>/", views.CountryVendorListView.as_view(), name="country_vendors"),
    path("inquiries/confirm/<str:token>/", business_views.confirm_inquiry, name="inquiry_confirm"),
    path("<slug:slug>/", views.VendorDetailView.as_view(), name="vendor_detail"),
    path("<slug:slug>/contact/", business_views.contact_vendor, name="contact"),
    path("<slug:slug>/review/", business_views.review_vendor, name="review"),
    path("<slug:slug>/claim/", organization_views.claim_vendor, name="claim"),
    path("<slug:slug>/shortlist/", views.shortlist_update, name="shortlist_update"),
]
