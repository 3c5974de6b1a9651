// Each test class starts its own gateway and browser; on a two-core machine they run best one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
