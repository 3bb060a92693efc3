app_name = "vetservice"

urlpatterns: list = []
