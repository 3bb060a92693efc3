app_name = "immunization"

urlpatterns: list = []
