namespace Credstack.Credentials.Validation;

/// <summary>Strict parsing of XMLSchema 1.1 <c>dateTimeStamp</c> values (a dateTime with a required time zone), as
/// VC 2.0 §4.9 requires for <c>validFrom</c> / <c>validUntil</c>.</summary>
public static class XsdDateTime
{
    /// <summary>
    /// Parses <c>YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)</c> strictly (XSD 1.1 §3.3.8 dateTimeStamp): exact
    /// field widths, a real calendar day, a time zone within ±14:00, and <c>24:00:00</c> as the end of the day.
    /// Years outside 0001–9999 and negative years are refused (they do not fit <see cref="DateTimeOffset"/>);
    /// fractions beyond 100 ns are truncated.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The instant, with the written offset.</param>
    /// <returns><see langword="true"/> if the text is a valid dateTimeStamp.</returns>
    public static bool TryParseDateTimeStamp(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length < 20)
        {
            return false;
        }
        var s = text.AsSpan();
        if (
            !TryDigits(s, 0, 4, out var year)
            || s[4] != '-'
            || !TryDigits(s, 5, 2, out var month)
            || s[7] != '-'
            || !TryDigits(s, 8, 2, out var day)
            || s[10] != 'T'
            || !TryDigits(s, 11, 2, out var hour)
            || s[13] != ':'
            || !TryDigits(s, 14, 2, out var minute)
            || s[16] != ':'
            || !TryDigits(s, 17, 2, out var second)
        )
        {
            return false;
        }
        var i = 19;
        long fractionTicks = 0;
        var fractionIsZero = true;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var start = i;
            long scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                scale /= 10;
                fractionTicks += (s[i] - '0') * scale;
                fractionIsZero &= s[i] == '0';
                i++;
            }
            if (i == start)
            {
                return false;
            }
        }
        if (!TryOffset(s[i..], out var offset))
        {
            return false;
        }
        if (
            year < 1
            || month < 1
            || month > 12
            || day < 1
            || day > DateTime.DaysInMonth(year, month)
        )
        {
            return false;
        }
        var endOfDay = hour == 24;
        if (
            endOfDay
                ? minute != 0 || second != 0 || !fractionIsZero
                : hour > 23 || minute > 59 || second > 59
        )
        {
            return false;
        }
        try
        {
            var local = new DateTime(
                year,
                month,
                day,
                endOfDay ? 0 : hour,
                minute,
                second,
                DateTimeKind.Unspecified
            )
                .AddTicks(fractionTicks)
                .AddDays(endOfDay ? 1 : 0);
            value = new DateTimeOffset(local, offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // 9999-12-31T24:00:00 or an offset pushing the instant outside DateTimeOffset's range.
            return false;
        }
    }

    private static bool TryOffset(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s.Length == 1 && s[0] == 'Z')
        {
            return true;
        }
        if (
            s.Length != 6
            || (s[0] != '+' && s[0] != '-')
            || !TryDigits(s, 1, 2, out var hours)
            || s[3] != ':'
            || !TryDigits(s, 4, 2, out var minutes)
        )
        {
            return false;
        }
        if (minutes > 59 || hours > 14 || (hours == 14 && minutes != 0))
        {
            return false;
        }
        offset = new TimeSpan(hours, minutes, 0);
        if (s[0] == '-')
        {
            offset = -offset;
        }
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
            value = (value * 10) + (s[i] - '0');
        }
        return true;
    }
}
