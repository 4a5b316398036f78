"""Python reference for VoxBench's Whisper engine (tools only; the C++ engine never imports it)."""
