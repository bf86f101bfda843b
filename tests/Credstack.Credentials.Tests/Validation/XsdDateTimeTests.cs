using Credstack.Credentials.Validation;

namespace Credstack.Credentials.Tests.Validation;

public sealed class XsdDateTimeTests
{
    [Theory]
    [InlineData("2010-01-01T00:00:00Z", "2010-01-01T00:00:00.0000000+00:00")]
    [InlineData("2024-02-29T23:59:59.123+02:00", "2024-02-29T23:59:59.1230000+02:00")]
    [InlineData("2024-01-31T12:00:00-14:00", "2024-01-31T12:00:00.0000000-14:00")]
    [InlineData("2024-01-31T24:00:00Z", "2024-02-01T00:00:00.0000000+00:00")]
    [InlineData("2024-01-31T12:00:00.123456789Z", "2024-01-31T12:00:00.1234567+00:00")]
    public void TryParseDateTimeStamp_Valid_Parses(string text, string expected)
    {
        Assert.True(XsdDateTime.TryParseDateTimeStamp(text, out var value));
        Assert.Equal(
            expected,
            value.ToString("o", System.Globalization.CultureInfo.InvariantCulture)
        );
    }

    [Theory]
    [InlineData("2010-01-01T00:00:00")] // no time zone: a dateTime but not a dateTimeStamp
    [InlineData("2010-01-01")]
    [InlineData("2010-01-01 00:00:00Z")]
    [InlineData("2010-1-01T00:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2010-01-01T25:00:00Z")]
    [InlineData("2010-01-01T24:00:01Z")]
    [InlineData("2010-01-01T00:60:00Z")]
    [InlineData("2010-01-01T00:00:00+15:00")]
    [InlineData("2010-01-01T00:00:00+0100")]
    [InlineData("2010-01-01T00:00:00.Z")]
    [InlineData("2010-01-01T00:00:00z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("9999-12-31T24:00:00Z")]
    [InlineData("2010-01-01T00:00:00Z ")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseDateTimeStamp_Invalid_Refuses(string? text)
    {
        Assert.False(XsdDateTime.TryParseDateTimeStamp(text, out _));
    }
}
