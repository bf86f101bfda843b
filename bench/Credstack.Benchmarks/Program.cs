using BenchmarkDotNet.Running;

namespace Credstack.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick")
        {
            QuickHarness.Run(args.Length > 1 ? args[1] : "");
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
