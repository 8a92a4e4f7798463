"""The 证明 screen: certificate requests, outcomes, prints and figures."""

from jianfu.ui.certificates.screen import CertificatesWidget, make_certificates_widget

__all__ = ["CertificatesWidget", "make_certificates_widget"]
