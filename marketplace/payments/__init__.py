"""Payments: the Stripe wrapper, VietQR bank transfer, and the records of both.

The Django app's label is ``htx_payments`` so it never clashes with Oscar's
``payment`` app.
"""
