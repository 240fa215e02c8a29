using System.Globalization;
using System.Text;

namespace EventSpike.Neurons.Numpy;

/// <summary>
/// The header dictionary of a <c>.npy</c> file, e.g.
/// <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 2), }</c>: parsing and formatting.
/// </summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, int[] Shape)
{
    /// <summary>Formats the dictionary as NumPy writes it (without padding).</summary>
    public string Format()
    {
        var shape = Shape.Length switch
        {
            0 => "()",
            1 => "(" + Shape[0].ToString(CultureInfo.InvariantCulture) + ",)",
            _ => "(" + string.Join(", ", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")",
        };
        return $"{{'descr': '{Descr}', 'fortran_order': {(FortranOrder ? "True" : "False")}, 'shape': {shape}, }}";
    }

    /// <summary>Parses the Python dict literal; throws <see cref="FormatException"/> when malformed.</summary>
    public static NpyHeader Parse(string text)
    {
        var p = new Parser(text);
        string? descr = null;
        bool? fortran = null;
        int[]? shape = null;
        p.Expect('{');
        while (true)
        {
            p.SkipSpace();
            if (p.TryTake('}')) break;
            var key = p.QuotedString();
            p.Expect(':');
            p.SkipSpace();
            switch (key)
            {
                case "descr":
                    if (p.Peek() is not ('\'' or '"'))
                        throw new FormatException("structured dtypes (a list descr) are not supported");
                    descr = p.QuotedString();
                    break;
                case "fortran_order": fortran = p.Bool(); break;
                case "shape": shape = p.IntTuple(); break;
                default: throw new FormatException($"unexpected header key '{key}'");
            }
            p.SkipSpace();
            if (p.TryTake(',')) continue;
            p.Expect('}');
            break;
        }
        if (descr is null || fortran is null || shape is null)
            throw new FormatException("header lacks one of 'descr', 'fortran_order', 'shape'");
        return new NpyHeader(descr, fortran.Value, shape);
    }

    private sealed class Parser(string s)
    {
        private int _i;

        public char Peek() => _i < s.Length ? s[_i] : '\0';

        public void SkipSpace()
        {
            while (_i < s.Length && char.IsWhiteSpace(s[_i])) _i++;
        }

        public bool TryTake(char c)
        {
            SkipSpace();
            if (Peek() != c) return false;
            _i++;
            return true;
        }

        public void Expect(char c)
        {
            if (!TryTake(c)) throw new FormatException($"expected '{c}' at position {_i} of the header");
        }

        public string QuotedString()
        {
            SkipSpace();
            var q = Peek();
            if (q is not ('\'' or '"')) throw new FormatException($"expected a quoted string at position {_i}");
            var end = s.IndexOf(q, _i + 1);
            if (end < 0) throw new FormatException("unterminated string in header");
            var v = s.Substring(_i + 1, end - _i - 1);
            _i = end + 1;
            return v;
        }

        public bool Bool()
        {
            if (string.CompareOrdinal(s, _i, "True", 0, 4) == 0) { _i += 4; return true; }
            if (string.CompareOrdinal(s, _i, "False", 0, 5) == 0) { _i += 5; return false; }
            throw new FormatException($"expected True or False at position {_i}");
        }

        public int[] IntTuple()
        {
            Expect('(');
            var dims = new List<int>();
            while (true)
            {
                SkipSpace();
                if (TryTake(')')) break;
                var start = _i;
                while (_i < s.Length && char.IsAsciiDigit(s[_i])) _i++;
                if (start == _i) throw new FormatException($"expected a dimension at position {_i}");
                dims.Add(int.Parse(s.AsSpan(start, _i - start), NumberStyles.None, CultureInfo.InvariantCulture));
                if (Peek() == 'L') _i++; // Python 2 long suffix
                SkipSpace();
                if (TryTake(',')) continue;
                Expect(')');
                break;
            }
            return dims.ToArray();
        }
    }

    internal static readonly Encoding Latin1 = Encoding.Latin1;
}
