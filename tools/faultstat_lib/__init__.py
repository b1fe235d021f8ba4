"""tools/faultstat_lib - faultstat's modules: read a run (logs.py), rebuild
its faults (faults.py), summarise (stats.py), print (report.py, compare.py),
draw (plot.py). Python 3 standard library only. No KVM twin; the nearest
are `perf kvm stat` and trace-cmd's reports."""
