# Reads an Arrow IPC stream from stdin with pyarrow (a reader that is not ours) and prints its column types
# and values as JSON, in the form of the API's JSON answer: decimals as exact text at their scale, 64-bit
# integers as text, dates as JJJJ-MM-TT, timestamps as JJJJ-MM-TT hh:mm:ss.ffffff. Used by test/arrow.test.ts.
import datetime
import decimal
import json
import sys

import pyarrow as pa


def typname(t: pa.DataType) -> str:
    if pa.types.is_decimal(t):
        return f"d({t.precision},{t.scale})" + ("" if t.bit_width == 128 else f"/{t.bit_width}")
    if pa.types.is_integer(t):
        return f"{'i' if pa.types.is_signed_integer(t) else 'u'}{t.bit_width}"
    if pa.types.is_date32(t):
        return "date32"
    if pa.types.is_date64(t):
        return "date64"
    if pa.types.is_timestamp(t):
        return f"ts_{t.unit}" + ("" if t.tz is None else f"_{t.tz}")
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "utf8"
    if pa.types.is_boolean(t):
        return "bool"
    if pa.types.is_floating(t):
        return f"f{t.bit_width}"
    if pa.types.is_dictionary(t):
        return "dictionary"
    return str(t)


def wert(v, t: pa.DataType):
    if v is None:
        return None
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if pa.types.is_integer(t) and t.bit_width == 64:
        return str(v)
    if isinstance(v, datetime.datetime):
        return v.isoformat(sep=" ", timespec="microseconds")
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


tabelle = pa.ipc.open_stream(sys.stdin.buffer).read_all()
felder = list(tabelle.schema)
spalten = [tabelle.column(f.name).to_pylist() for f in felder]
json.dump(
    {
        "typen": {f.name: typname(f.type) for f in felder},
        "zeilen": [
            {f.name: wert(spalten[j][i], f.type) for j, f in enumerate(felder)} for i in range(tabelle.num_rows)
        ],
    },
    sys.stdout,
    ensure_ascii=False,
)
