from django.urls import path

from directory.views import VendorDetailView, VendorListView

app_name = "directory"

urlpatterns = [
    path("", VendorListView.as_view(), name="vendor_list"),
    path("<slug:slug>/", VendorDetailView.as_view(), name="vendor_detail"),
]
