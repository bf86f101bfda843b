namespace Credstack.Credentials.Baking;

/// <summary>One validated PNG chunk: where it starts (its length field), its data length and its type.</summary>
internal readonly record struct PngChunk(int Start, int DataLength, string Type)
{
    public int DataStart => Start + 8;

    /// <summary>The whole chunk: length, type, data and CRC.</summary>
    public int TotalLength => DataLength + 12;
}
