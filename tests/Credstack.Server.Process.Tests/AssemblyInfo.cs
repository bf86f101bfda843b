// Each test runs server processes that use both cores; running two tests at once would only make both
// slower and their "mid-job" moments harder to hit.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
