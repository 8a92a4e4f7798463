"""PDF documents with ReportLab. Input: plain data; output: PDF bytes."""
