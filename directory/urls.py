from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("", views.VendorListView.as_view(), name="vendor_list"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("shortlist/", views.ShortlistView.as_view(), name="shortlist"),
    path("services/<slug:slug>/", views.ServiceVendorListView.as_view(), name="service_vendors"),
    path("countries/<str:code>/", views.CountryVendorListView.as_view(), name="country_vendors"),
    path("<slug:slug>/", views.VendorDetailView.as_view(), name="vendor_detail"),
    path("<slug:slug>/shortlist/", views.shortlist_update, name="shortlist_update"),
]
