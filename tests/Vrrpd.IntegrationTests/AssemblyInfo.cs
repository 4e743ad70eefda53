// Every test builds namespaces and runs daemons that keep strict timers: one at a time, so two tests never
// compete for the machine's 2 cores and skew each other's failover figures (also set in xunit.runner.json).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
