app_name = "quarantine"

urlpatterns: list = []
