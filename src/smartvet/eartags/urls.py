app_name = "eartags"

urlpatterns: list = []
