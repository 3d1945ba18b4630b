from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("", views.InsightsHomeView.as_view(), name="home"),
    path("pay/", views.PayInsightsView.as_view(), name="pay"),
    path("cost/", views.CostInsightsView.as_view(), name="cost"),
    path("demand/", views.DemandInsightsView.as_view(), name="demand"),
]
