default_app_config = "catalog.order.apps.OrderConfig"
