from django.urls import path

from directory.views import business, organizations, public

app_name = "directory"

urlpatterns = [
    path("", public.VendorListView.as_view(), name="vendor_list"),
    path("compare/", public.CompareView.as_view(), name="compare"),
    path("match/", public.VendorMatchView.as_view(), name="match"),
    path("shortlist/", public.ShortlistView.as_view(), name="shortlist"),
    path("services/<slug:slug>/", public.ServiceVendorListView.as_view(), name="service_vendors"),
    path("countries/<str:code>/", public.CountryVendorListView.as_view(), name="country_vendors"),
    path("inquiries/confirm/<str:token>/", business.confirm_inquiry, name="inquiry_confirm"),
    path("<slug:slug>/", public.VendorDetailView.as_view(), name="vendor_detail"),
    path("<slug:slug>/contact/", business.contact_vendor, name="contact"),
    path("<slug:slug>/review/", business.review_vendor, name="review"),
    path("<slug:slug>/claim/", organizations.claim_vendor, name="claim"),
    path("<slug:slug>/shortlist/", public.shortlist_update, name="shortlist_update"),
]
