// WebApplicationFactory finds the app's host through a process-wide diagnostic listener; a second app built at
// the same time (the browser test hosts one on Kestrel) could be caught by it. The tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
