using Tongban.Benchmarks;

// dotnet run -c Release --project bench/Tongban.Benchmarks -- <benchmark> [options]
// Each benchmark prints a Markdown table to paste into docs/benchmarks.md.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["context-lease"] = ContextLeaseBenchmark.RunAsync,
    ["faults"] = FaultBenchmark.RunAsync,
    ["limit"] = LimitBenchmark.RunAsync,
    ["load"] = LoadBenchmark.RunAsync,
    ["overdue-query"] = OverdueQueryBenchmark.RunAsync,
    ["timer-sweep"] = TimerSweepBenchmark.RunAsync,
    ["work-queue-page"] = WorkQueuePageBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Tongban.Benchmarks <{string.Join("|", benchmarks.Keys)}> [options]; PostgreSQL from TONGBAN_BENCH_POSTGRES or TONGBAN_TEST_POSTGRES");
    return 2;
}

try
{
    return await run(args[1..]);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{args[0]}: {e.Message}");
    return 2;
}
