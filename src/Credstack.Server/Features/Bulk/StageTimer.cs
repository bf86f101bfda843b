using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Credstack.Server.Features.Bulk;

/// <summary>
/// Wall-clock and process CPU time of the successive stages of a chunk, for the Debug log. CPU time is the
/// whole process's (every thread): on a busy machine it says more than wall time about what a stage costs,
/// as the worker's stages run one after another.
/// </summary>
internal sealed class StageTimer
{
    private readonly StringBuilder _text = new();
    private long _wall = Stopwatch.GetTimestamp();
    private TimeSpan _cpu = Environment.CpuUsage.TotalTime;

    /// <summary>Ends stage <paramref name="name"/> (started at the previous lap) and starts the next.</summary>
    public void Lap(string name)
    {
        var wall = Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        _text.Append(
            CultureInfo.InvariantCulture,
            $"{(_text.Length > 0 ? " " : "")}{name}={Stopwatch.GetElapsedTime(_wall, wall).TotalMilliseconds:F0}/{(cpu - _cpu).TotalMilliseconds:F0}"
        );
        _wall = wall;
        _cpu = cpu;
    }

    public override string ToString() => _text.ToString();
}
