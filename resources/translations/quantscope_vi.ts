<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
    <context>
        <name>QObject</name>
        <message>
            <location filename="../../ui/bitlab/conversionsteps.cpp" line="+89" />
            <source>Bits &lt;b&gt;&lt;code&gt;%1&lt;/code&gt;&lt;/b&gt; = %2.&lt;br&gt;Stored value: &lt;b&gt;%3&lt;/b&gt;</source>
            <translation>Các bit &lt;b&gt;&lt;code&gt;%1&lt;/code&gt;&lt;/b&gt; = %2.&lt;br&gt;Giá trị lưu: &lt;b&gt;%3&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+4" />
            <source>, error %1</source>
            <translation>, sai số %1</translation>
        </message>
        <message>
            <location line="+0" />
            <source>0 (exact)</source>
            <translation>0 (chính xác)</translation>
        </message>
        <message>
            <location line="+2" />
            <source> (relative %1)</source>
            <translation> (tương đối %1)</translation>
        </message>
        <message>
            <location line="+17" />
            <source>The dropped bits are all 0: the value fits exactly, nothing to round.</source>
            <translation>Các bit bị bỏ đều bằng 0: giá trị vừa khít, không cần làm tròn.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;b&gt;round up&lt;/b&gt; (away from zero, +1 in the last kept bit)</source>
            <translation>&lt;b&gt;làm tròn lên&lt;/b&gt; (ra xa số 0, +1 vào bit giữ lại cuối cùng)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;b&gt;round down&lt;/b&gt; (drop the rest)</source>
            <translation>&lt;b&gt;làm tròn xuống&lt;/b&gt; (bỏ phần còn lại)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Guard bit (the first dropped bit) is 0: less than half a step, so %1.</source>
            <translation>Bit bảo vệ (guard bit, bit bị bỏ đầu tiên) bằng 0: chưa tới nửa bước, nên %1.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Guard bit is 1 and a later dropped bit is 1 (sticky): more than half a step, so %1.</source>
            <translation>Bit bảo vệ bằng 1 và có một bit bị bỏ phía sau bằng 1 (sticky): hơn nửa bước, nên %1.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Guard bit 1 and nothing after it: exactly halfway, a tie; ties go away from zero, so %1.</source>
            <translation>Bit bảo vệ bằng 1 và phía sau toàn 0: đúng nửa bước, trường hợp hòa; hòa thì làm tròn ra xa số 0, nên %1.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Guard bit 1 and nothing after it: exactly halfway, a tie; ties go to the even neighbour and the last kept bit is %1, so %2.</source>
            <translation>Bit bảo vệ bằng 1 và phía sau toàn 0: đúng nửa bước, trường hợp hòa; hòa thì chọn số láng giềng chẵn, và bit giữ lại cuối cùng là %1, nên %2.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Truncation ignores the dropped bits: %1.</source>
            <translation>Cắt bỏ (truncation) không xét các bit bị bỏ: %1.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Rounding toward +∞ moves a negative number toward zero: %1.</source>
            <translation>Làm tròn về +∞ đưa số âm lại gần số 0: %1.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Rounding toward +∞ takes the larger neighbour: %1.</source>
            <translation>Làm tròn về +∞ lấy số láng giềng lớn hơn: %1.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Rounding toward −∞ makes a negative number more negative: %1.</source>
            <translation>Làm tròn về −∞ làm số âm âm hơn: %1.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Rounding toward −∞ takes the smaller neighbour: %1.</source>
            <translation>Làm tròn về −∞ lấy số láng giềng nhỏ hơn: %1.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Stochastic rounding rounds up with probability %1 (the dropped part as a fraction of one step); this draw says %2.</source>
            <translation>Làm tròn ngẫu nhiên làm tròn lên với xác suất %1 (phần bị bỏ tính theo phần của một bước); lần rút này cho %2.</translation>
        </message>
        <message>
            <location line="+42" />
            <source>Not a number</source>
            <translation>Không phải số (NaN)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>NaN has no digits; the format's NaN code is used.</source>
            <translation>NaN không có chữ số nào; dùng mã NaN của định dạng.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This format has no NaN; see what the encoder does with it.</source>
            <translation>Định dạng này không có NaN; xem bộ mã hóa xử lý nó thế nào.</translation>
        </message>
        <message>
            <location line="+6" />
            <location line="+6" />
            <source>Sign</source>
            <translation>Dấu</translation>
        </message>
        <message>
            <location line="-4" />
            <source>%1 is negative: sign bit &lt;b&gt;1&lt;/b&gt;; the rest encodes |x|.</source>
            <translation>%1 là số âm: bit dấu &lt;b&gt;1&lt;/b&gt;; phần còn lại mã hóa |x|.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 is positive: sign bit &lt;b&gt;0&lt;/b&gt;.</source>
            <translation>%1 là số dương: bit dấu &lt;b&gt;0&lt;/b&gt;.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This format has no sign bit: negative numbers cannot be stored.</source>
            <translation>Định dạng này không có bit dấu: không lưu được số âm.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This format has no sign bit; %1 is positive.</source>
            <translation>Định dạng này không có bit dấu; %1 là số dương.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Zero</source>
            <translation>Số 0</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Zero is the all-zero exponent with an all-zero mantissa.</source>
            <translation>Số 0 là số mũ toàn bit 0 với phần định trị toàn bit 0.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This format has no zero: it becomes its smallest value %1.</source>
            <translation>Định dạng này không có số 0: giá trị thành giá trị nhỏ nhất %1.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Infinity</source>
            <translation>Vô cực</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Infinity is the all-ones exponent with a zero mantissa.</source>
            <translation>Vô cực là số mũ toàn bit 1 với phần định trị bằng 0.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This format has no infinity: it becomes %1.</source>
            <translation>Định dạng này không có vô cực: giá trị thành %1.</translation>
        </message>
        <message>
            <location line="+9" />
            <location line="+102" />
            <source>Write |x| in binary</source>
            <translation>Viết |x| ở hệ nhị phân</translation>
        </message>
        <message>
            <location line="-100" />
            <source>|x| has too many binary digits to write out; its leading 1 is at %1.</source>
            <translation>|x| có quá nhiều chữ số nhị phân để viết hết; bit 1 đầu tiên nằm ở %1.</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+101" />
            <source>%1 = %2</source>
            <translation>%1 = %2</translation>
        </message>
        <message>
            <location line="-99" />
            <source>Normalise</source>
            <translation>Chuẩn hóa</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Move the binary point %1 place(s) %2 so one 1 stands before it: %3 × %4.</source>
            <translation>Dời dấu chấm nhị phân %1 vị trí sang %2 để trước nó chỉ còn một chữ số 1: %3 × %4.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>left</source>
            <translation>trái</translation>
        </message>
        <message>
            <location line="+0" />
            <source>right</source>
            <translation>phải</translation>
        </message>
        <message>
            <location line="+6" />
            <source>infinity</source>
            <translation>vô cực</translation>
        </message>
        <message>
            <location line="+1" />
            <source>NaN (the format has no infinity)</source>
            <translation>NaN (định dạng không có vô cực)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the largest finite value (saturation)</source>
            <translation>giá trị hữu hạn lớn nhất (bão hòa)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Overflow</source>
            <translation>Tràn số (overflow)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The largest finite value is %1; %2 rounds beyond it, so it becomes %3.</source>
            <translation>Giá trị hữu hạn lớn nhất là %1; %2 làm tròn vượt quá nó, nên thành %3.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Exponent (subnormal)</source>
            <translation>Số mũ (subnormal)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 is below the smallest normal exponent %2 = 1 − bias. The number is written as 0.… × %2 instead: a subnormal, exponent field &lt;b&gt;%3&lt;/b&gt;.</source>
            <translation>%1 nhỏ hơn số mũ chuẩn nhỏ nhất %2 = 1 − bias. Khi đó số được viết dạng 0.… × %2: một số dưới chuẩn (subnormal), trường số mũ &lt;b&gt;%3&lt;/b&gt;.</translation>
        </message>
        <message>
            <location line="+5" />
            <location line="+6" />
            <source>Exponent</source>
            <translation>Số mũ</translation>
        </message>
        <message>
            <location line="-5" />
            <source>%1 is below the smallest exponent %2 = −bias and this format has no zero: the value becomes %2.</source>
            <translation>%1 nhỏ hơn số mũ nhỏ nhất %2 = −bias và định dạng này không có số 0: giá trị thành %2.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1 is below the smallest normal exponent %2 and this format flushes to zero: the value rounds to zero or to %2.</source>
            <translation>%1 nhỏ hơn số mũ chuẩn nhỏ nhất %2 và định dạng này đẩy về 0 (flush to zero): giá trị được làm tròn về 0 hoặc về %2.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Biased exponent</source>
            <translation>Số mũ đã cộng bias</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Store e + bias = %1 + %2 = %3 = &lt;b&gt;%4&lt;/b&gt; in the %5 exponent bits.</source>
            <translation>Lưu e + bias = %1 + %2 = %3 = &lt;b&gt;%4&lt;/b&gt; vào %5 bit số mũ.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>(out of range)</source>
            <translation>(ngoài phạm vi)</translation>
        </message>
        <message>
            <location line="+7" />
            <location line="+26" />
            <location line="+51" />
            <location line="+29" />
            <location line="+1" />
            <source>Result</source>
            <translation>Kết quả</translation>
        </message>
        <message>
            <location line="-91" />
            <source>Keep the first %1 bits after the point: &lt;b&gt;&lt;code&gt;%2&lt;/code&gt;&lt;/b&gt;</source>
            <translation>Giữ %1 bit đầu tiên sau dấu chấm: &lt;b&gt;&lt;code&gt;%2&lt;/code&gt;&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+1" />
            <source>There are no mantissa bits: only the power of two is kept</source>
            <translation>Không có bit định trị: chỉ giữ lại lũy thừa của 2</translation>
        </message>
        <message>
            <location line="+2" />
            <source>, drop &lt;code&gt;%1&lt;/code&gt;</source>
            <translation>, bỏ &lt;code&gt;%1&lt;/code&gt;</translation>
        </message>
        <message>
            <location line="+4" />
            <source> The carry ripples into the exponent field.</source>
            <translation> Số nhớ lan sang trường số mũ.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Mantissa and rounding</source>
            <translation>Phần định trị và làm tròn</translation>
        </message>
        <message>
            <location line="+15" />
            <source>%1 has no short binary expansion.</source>
            <translation>%1 không có biểu diễn nhị phân ngắn.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Scale</source>
            <translation>Scale</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Fixed point stores the integer x × %1 = %2; its bits are the binary digits of x with the point moved %3 places right.</source>
            <translation>Dấu phẩy tĩnh lưu số nguyên x × %1 = %2; các bit của nó là các chữ số nhị phân của x với dấu chấm dời %3 vị trí sang phải.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1 is outside the codes %2 … %3: it saturates to &lt;b&gt;%4&lt;/b&gt;.</source>
            <translation>%1 nằm ngoài các mã %2 … %3: bão hòa thành &lt;b&gt;%4&lt;/b&gt;.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1 is not an integer: rounding (%2) gives the code &lt;b&gt;%3&lt;/b&gt;; the dropped fraction is the rounding error.</source>
            <translation>%1 không phải số nguyên: làm tròn (%2) cho mã &lt;b&gt;%3&lt;/b&gt;; phần thập phân bị bỏ chính là sai số làm tròn.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>%1 is an integer: the code is &lt;b&gt;%2&lt;/b&gt;, exactly.</source>
            <translation>%1 là số nguyên: mã là &lt;b&gt;%2&lt;/b&gt;, chính xác.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Round to an integer code</source>
            <translation>Làm tròn thành mã nguyên</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Two's complement</source>
            <translation>Bù hai</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A negative code %1 is stored as 2&lt;sup&gt;%2&lt;/sup&gt; − %3 = %4: the top (sign) bit is 1 and is worth −%5.</source>
            <translation>Mã âm %1 được lưu thành 2&lt;sup&gt;%2&lt;/sup&gt; − %3 = %4: bit cao nhất (bit dấu) bằng 1 và có giá trị −%5.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>A non-negative code is stored as it is: the sign bit is 0.</source>
            <translation>Mã không âm được lưu nguyên như vậy: bit dấu bằng 0.</translation>
        </message>
        <message>
            <location filename="../../ui/bitlab/formatinfo.cpp" line="+68" />
            <source>sign</source>
            <translation>dấu</translation>
        </message>
        <message>
            <location line="+1" />
            <source>exponent</source>
            <translation>số mũ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>mantissa</source>
            <translation>định trị</translation>
        </message>
        <message>
            <location line="+1" />
            <source>integer</source>
            <translation>phần nguyên</translation>
        </message>
        <message>
            <location line="+1" />
            <source>fraction</source>
            <translation>phần phân số</translation>
        </message>
        <message>
            <location line="+11" />
            <source>&lt;b&gt;Sign bit&lt;/b&gt; (bit %1): 0 means positive, 1 means negative.</source>
            <translation>&lt;b&gt;Bit dấu&lt;/b&gt; (bit %1): 0 là dương, 1 là âm.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&lt;b&gt;Exponent bit&lt;/b&gt; (bit %1): adds %2 = %3 to the stored exponent E; the value is scaled by 2&lt;sup&gt;E − bias&lt;/sup&gt; with bias %4.</source>
            <translation>&lt;b&gt;Bit số mũ&lt;/b&gt; (bit %1): cộng %2 = %3 vào số mũ lưu E; giá trị được nhân với 2&lt;sup&gt;E − bias&lt;/sup&gt; với bias %4.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>&lt;b&gt;Mantissa bit&lt;/b&gt; (bit %1): adds %2 = %3 to the significand 1.M (0.M for subnormals).</source>
            <translation>&lt;b&gt;Bit định trị&lt;/b&gt; (bit %1): cộng %2 = %3 vào phần có nghĩa 1.M (0.M với số dưới chuẩn).</translation>
        </message>
        <message>
            <location line="+11" />
            <source>&lt;b&gt;Sign bit&lt;/b&gt; (bit %1, two's complement): worth −%2 = −%3.</source>
            <translation>&lt;b&gt;Bit dấu&lt;/b&gt; (bit %1, bù hai): có giá trị −%2 = −%3.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&lt;b&gt;Integer bit&lt;/b&gt; (bit %1): worth %2 = %3.</source>
            <translation>&lt;b&gt;Bit phần nguyên&lt;/b&gt; (bit %1): có giá trị %2 = %3.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&lt;b&gt;Fraction bit&lt;/b&gt; (bit %1): worth %2 = %3.</source>
            <translation>&lt;b&gt;Bit phần phân số&lt;/b&gt; (bit %1): có giá trị %2 = %3.</translation>
        </message>
        <message>
            <location line="+18" />
            <source>%1 → NaN</source>
            <translation>%1 → NaN</translation>
        </message>
        <message>
            <location line="+0" />
            <source>%1 → ∞</source>
            <translation>%1 → ∞</translation>
        </message>
        <message>
            <location line="+2" />
            <source>0 → 2&lt;sup&gt;%1&lt;/sup&gt; (subnormal)</source>
            <translation>0 → 2&lt;sup&gt;%1&lt;/sup&gt; (subnormal)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>0 → zero (flushed)</source>
            <translation>0 → số 0 (flush)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>ignored (flushed to zero)</source>
            <translation>bỏ qua (đẩy về 0)</translation>
        </message>
        <message>
            <location filename="../../ui/bitlab/formatproperties.cpp" line="+34" />
            <location line="+30" />
            <source>Layout</source>
            <translation>Bố cục</translation>
        </message>
        <message>
            <location line="-30" />
            <source>S%1 E%2 M%3 = %4 bits</source>
            <translation>S%1 E%2 M%3 = %4 bit</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Bias</source>
            <translation>Bias</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+34" />
            <source>Range</source>
            <translation>Phạm vi</translation>
        </message>
        <message>
            <location line="-32" />
            <source>Min normal</source>
            <translation>Chuẩn nhỏ nhất</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Min subnormal</source>
            <translation>Subnormal nhỏ nhất</translation>
        </message>
        <message>
            <location line="+1" />
            <source>none</source>
            <translation>không có</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Epsilon</source>
            <translation>Epsilon</translation>
        </message>
        <message>
            <location line="+1" />
            <source>1 (no mantissa)</source>
            <translation>1 (không có định trị)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Decimal digits</source>
            <translation>Chữ số thập phân</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Finite values</source>
            <translation>Giá trị hữu hạn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Dynamic range</source>
            <translation>Dải động</translation>
        </message>
        <message>
            <location line="+0" />
            <source>%1 decades</source>
            <translation>%1 bậc thập phân</translation>
        </message>
        <message>
            <location line="+2" />
            <source>±Inf</source>
            <translation>±Inf</translation>
        </message>
        <message>
            <location line="+0" />
            <location filename="../../ui/mainwindow/formattablemodel.cpp" line="+28" />
            <source>no Inf</source>
            <translation>không Inf</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../../ui/mainwindow/formattablemodel.cpp" line="+1" />
            <source>NaN</source>
            <translation>NaN</translation>
        </message>
        <message>
            <location line="+0" />
            <location filename="../../ui/mainwindow/formattablemodel.cpp" line="+0" />
            <source>no NaN</source>
            <translation>không NaN</translation>
        </message>
        <message>
            <location line="+2" />
            <location filename="../../ui/mainwindow/formattablemodel.cpp" line="+2" />
            <source>no −0</source>
            <translation>không −0</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Specials</source>
            <translation>Giá trị đặc biệt</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+21" />
            <source>Spec</source>
            <translation>Đặc tả</translation>
        </message>
        <message>
            <location line="-12" />
            <source>%1 bits, %2</source>
            <translation>%1 bit, %2</translation>
        </message>
        <message>
            <location line="+2" />
            <source>two's complement</source>
            <translation>bù hai</translation>
        </message>
        <message>
            <location line="+0" />
            <source>unsigned</source>
            <translation>không dấu</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1%2 integer + %3 fraction bits = %4 bits</source>
            <translation>%1%2 bit phần nguyên + %3 bit phần phân số = %4 bit</translation>
        </message>
        <message>
            <location line="+1" />
            <source>sign + </source>
            <translation>dấu + </translation>
        </message>
        <message>
            <location line="+6" />
            <source>Resolution</source>
            <translation>Độ phân giải</translation>
        </message>
        <message>
            <location line="+0" />
            <source>%1, the same everywhere</source>
            <translation>%1, như nhau ở mọi nơi</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Values</source>
            <translation>Giá trị</translation>
        </message>
        <message>
            <location line="+12" />
            <source>&lt;br&gt;&lt;b&gt;The same %1 bits as a float (%2):&lt;/b&gt;</source>
            <translation>&lt;br&gt;&lt;b&gt;Cùng %1 bit ấy dưới dạng số thực dấu phẩy động (%2):&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th&gt;largest&lt;/th&gt;&lt;th&gt;finest step&lt;/th&gt;&lt;th&gt;step near the largest&lt;/th&gt;&lt;/tr&gt;</source>
            <translation>&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th&gt;lớn nhất&lt;/th&gt;&lt;th&gt;bước nhỏ nhất&lt;/th&gt;&lt;th&gt;bước gần giá trị lớn nhất&lt;/th&gt;&lt;/tr&gt;</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Fixed point spaces its values evenly; the float trades precision at large magnitudes for a far wider range.</source>
            <translation>Dấu phẩy tĩnh trải các giá trị đều nhau; dấu phẩy động đổi độ chính xác ở độ lớn cao lấy phạm vi rộng hơn nhiều.</translation>
        </message>
        <message>
            <location filename="../../ui/common/plotexporter.cpp" line="+29" />
            <location filename="../../ui/mainwindow/screenshot.cpp" line="+37" />
            <location line="+4" />
            <source>cannot write %1: %2</source>
            <translation>không ghi được %1: %2</translation>
        </message>
        <message>
            <location line="+56" />
            <location filename="../../ui/mainwindow/screenshot.cpp" line="-2" />
            <source>cannot encode PNG for %1</source>
            <translation>không mã hóa được PNG cho %1</translation>
        </message>
        <message>
            <location line="+95" />
            <source>cannot export %1: the file name must end in .png, .pdf or .svg</source>
            <translation>không xuất được %1: tên tệp phải kết thúc bằng .png, .pdf hoặc .svg</translation>
        </message>
        <message>
            <location line="+25" />
            <source>PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
            <translation>Ảnh PNG (*.png);;Tài liệu PDF (*.pdf);;Hình vẽ SVG (*.svg)</translation>
        </message>
        <message>
            <location line="+15" />
            <source>cannot export %1: no plot</source>
            <translation>không xuất được %1: không có đồ thị</translation>
        </message>
        <message>
            <location line="+56" />
            <location line="+80" />
            <source>cannot start SVG drawing for %1</source>
            <translation>không bắt đầu vẽ SVG cho %1 được</translation>
        </message>
        <message>
            <location line="-53" />
            <source>cannot export %1: no widget</source>
            <translation>không xuất được %1: không có widget</translation>
        </message>
        <message>
            <location line="-53" />
            <location line="+85" />
            <location filename="../../ui/plots/reportfigures.cpp" line="+378" />
            <source>cannot start PDF drawing for %1</source>
            <translation>không bắt đầu vẽ PDF cho %1 được</translation>
        </message>
        <message>
            <location filename="../../ui/explorer/formula.cpp" line="+72" />
            <source>  (group 0 of %1)</source>
            <translation>  (nhóm 0 trong %1)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>q = clamp(round(x / %1) %2, %3, %4)&lt;br&gt;x̂ = %1 · (q − %5)%6</source>
            <translation>q = clamp(round(x / %1) %2, %3, %4)&lt;br&gt;x̂ = %1 · (q − %5)%6</translation>
        </message>
        <message>
            <location line="+4" />
            <source>x̂ = %1 · %2(x / %1)   (round to the nearest %2 value)%3</source>
            <translation>x̂ = %1 · %2(x / %1)   (làm tròn về giá trị %2 gần nhất)%3</translation>
        </message>
        <message>
            <location line="+3" />
            <source>x̂ = 2&lt;sup&gt;e&lt;/sup&gt; · %1(x / 2&lt;sup&gt;e&lt;/sup&gt;),  2&lt;sup&gt;e&lt;/sup&gt; = %2 shared by 32 values (E8M0)%3</source>
            <translation>x̂ = 2&lt;sup&gt;e&lt;/sup&gt; · %1(x / 2&lt;sup&gt;e&lt;/sup&gt;),  2&lt;sup&gt;e&lt;/sup&gt; = %2 dùng chung cho 32 giá trị (E8M0)%3</translation>
        </message>
        <message>
            <location line="+8" />
            <source>x̂ = d · (q − %1),  d = %2 per block of 32 (fp16)%3</source>
            <translation>x̂ = d · (q − %1),  d = %2 cho mỗi khối 32 giá trị (fp16)%3</translation>
        </message>
        <message>
            <location line="+2" />
            <source>x̂ = d · level&lt;sub&gt;q&lt;/sub&gt;  (16 non-uniform levels),  d = %1 per block of 32 (fp16)%2</source>
            <translation>x̂ = d · level&lt;sub&gt;q&lt;/sub&gt;  (16 mức không đều),  d = %1 cho mỗi khối 32 (fp16)%2</translation>
        </message>
        <message>
            <location line="+5" />
            <source>x̂ = (d · s&lt;sub&gt;j&lt;/sub&gt;) · q − dmin · m&lt;sub&gt;j&lt;/sub&gt;,  d = %1 per super-block of 256 (fp16), quantized sub-block scales s&lt;sub&gt;j&lt;/sub&gt; and mins m&lt;sub&gt;j&lt;/sub&gt; (Bit Lab ▸ K-quant block)%2</source>
            <translation>x̂ = (d · s&lt;sub&gt;j&lt;/sub&gt;) · q − dmin · m&lt;sub&gt;j&lt;/sub&gt;,  d = %1 cho mỗi siêu khối 256 (fp16), hệ số tỉ lệ s&lt;sub&gt;j&lt;/sub&gt; và giá trị nhỏ nhất m&lt;sub&gt;j&lt;/sub&gt; của khối con đã lượng tử hóa (Bit Lab ▸ Khối K-quant)%2</translation>
        </message>
        <message>
            <location line="+6" />
            <source>x̂ = (d · s&lt;sub&gt;j&lt;/sub&gt;) · (q − %1),  d = %2 per super-block of 256 (fp16), quantized sub-block scales s&lt;sub&gt;j&lt;/sub&gt; (Bit Lab ▸ K-quant block)%3</source>
            <translation>x̂ = (d · s&lt;sub&gt;j&lt;/sub&gt;) · (q − %1),  d = %2 cho mỗi siêu khối 256 (fp16), hệ số tỉ lệ s&lt;sub&gt;j&lt;/sub&gt; của khối con đã lượng tử hóa (Bit Lab ▸ Khối K-quant)%3</translation>
        </message>
        <message>
            <location line="+5" />
            <source>q = argmin&lt;sub&gt;i&lt;/sub&gt; |x / %1 − level&lt;sub&gt;i&lt;/sub&gt;|,  x̂ = %1 · level&lt;sub&gt;q&lt;/sub&gt;  (%2 levels)%3</source>
            <translation>q = argmin&lt;sub&gt;i&lt;/sub&gt; |x / %1 − level&lt;sub&gt;i&lt;/sub&gt;|,  x̂ = %1 · level&lt;sub&gt;q&lt;/sub&gt;  (%2 mức)%3</translation>
        </message>
        <message>
            <location line="+29" />
            <source>%1 … %2 (%3 groups)</source>
            <translation>%1 … %2 (%3 nhóm)</translation>
        </message>
        <message>
            <location line="+3" />
            <location filename="../../ui/plots/figures.cpp" line="+258" />
            <source>scale S</source>
            <translation>scale S</translation>
        </message>
        <message>
            <location line="+0" />
            <source>step between neighbouring levels</source>
            <translation>bước giữa hai mức liền kề</translation>
        </message>
        <message>
            <location line="+2" />
            <source>zero point Z</source>
            <translation>zero-point Z</translation>
        </message>
        <message>
            <location line="+0" />
            <source>the code that represents 0</source>
            <translation>mã biểu diễn số 0</translation>
        </message>
        <message>
            <location line="+1" />
            <source> (group 0)</source>
            <translation> (nhóm 0)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>clip range</source>
            <translation>khoảng cắt (clip range)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>values outside are clamped to its ends</source>
            <translation>giá trị nằm ngoài bị kẹp về hai đầu mút</translation>
        </message>
        <message>
            <location line="+5" />
            <source>MSE</source>
            <translation>MSE</translation>
        </message>
        <message>
            <location line="+0" />
            <source>mean squared error of x̂ against x</source>
            <translation>sai số bình phương trung bình của x̂ so với x</translation>
        </message>
        <message>
            <location line="+1" />
            <source>SQNR</source>
            <translation>SQNR</translation>
        </message>
        <message>
            <location line="+0" />
            <source>signal power over error power in decibels</source>
            <translation>công suất tín hiệu chia công suất sai số, tính bằng decibel</translation>
        </message>
        <message>
            <location line="+3" />
            <source>max |error|</source>
            <translation>max |sai số|</translation>
        </message>
        <message>
            <location line="+0" />
            <source>largest |x − x̂| of any value</source>
            <translation>|x − x̂| lớn nhất trên mọi giá trị</translation>
        </message>
        <message>
            <location line="+2" />
            <source>clipped</source>
            <translation>bị cắt</translation>
        </message>
        <message>
            <location line="+0" />
            <source>percentage of values outside the clip range</source>
            <translation>tỉ lệ phần trăm giá trị nằm ngoài khoảng cắt</translation>
        </message>
        <message>
            <location line="+3" />
            <source>bits/value</source>
            <translation>bit/giá trị</translation>
        </message>
        <message>
            <location line="+1" />
            <source>everything stored per element: codes, scales, zero points, outliers with their index, padding</source>
            <translation>mọi thứ được lưu cho mỗi phần tử: mã, hệ số tỉ lệ, điểm không, giá trị ngoại lai kèm chỉ số, phần đệm</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&lt;p style='color:gray'&gt;Δ: change against the pinned reference %1&lt;/p&gt;</source>
            <translation>&lt;p style='color:gray'&gt;Δ: thay đổi so với kết quả tham chiếu đã ghim %1&lt;/p&gt;</translation>
        </message>
        <message>
            <location line="+4" />
            <source>warning:</source>
            <translation>cảnh báo:</translation>
        </message>
        <message>
            <location line="+66" />
            <source>&lt;b&gt;x&lt;/b&gt; = %1 → &lt;b&gt;code&lt;/b&gt; %2 → &lt;b&gt;x̂&lt;/b&gt; = %3, &lt;b&gt;error&lt;/b&gt; x̂ − x = %4</source>
            <translation>&lt;b&gt;x&lt;/b&gt; = %1 → &lt;b&gt;mã&lt;/b&gt; %2 → &lt;b&gt;x̂&lt;/b&gt; = %3, &lt;b&gt;sai số&lt;/b&gt; x̂ − x = %4</translation>
        </message>
        <message>
            <location line="+3" />
            <source>, &lt;b&gt;bits&lt;/b&gt; &lt;span style='font-family:monospace'&gt;%1&lt;/span&gt;</source>
            <translation>, &lt;b&gt;các bit&lt;/b&gt; &lt;span style='font-family:monospace'&gt;%1&lt;/span&gt;</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&lt;br&gt;bin [%1, %2): %3 original, %4 dequantized values</source>
            <translation>&lt;br&gt;ô [%1, %2): %3 giá trị gốc, %4 giá trị giải lượng tử</translation>
        </message>
        <message>
            <location line="+17" />
            <source>&lt;b&gt;%1&lt;/b&gt; = %2: outside the histogram [%3, %4]</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; = %2: nằm ngoài biểu đồ tần suất [%3, %4]</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&lt;b&gt;%1&lt;/b&gt; in [%2, %3): %4 values (%5 % of all)</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; trong [%2, %3): %4 giá trị (%5 % tổng số)</translation>
        </message>
        <message>
            <location line="+25" />
            <source>nearest method: &lt;b&gt;%1&lt;/b&gt; clips at [%2, %3]</source>
            <translation>phương pháp gần nhất: &lt;b&gt;%1&lt;/b&gt; cắt tại [%2, %3]</translation>
        </message>
        <message>
            <location line="+18" />
            <source>&lt;b&gt;%1&lt;/b&gt; = %2 → &lt;b&gt;%3&lt;/b&gt; = %4; the method chose %1 = %5 (%3 = %6)</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; = %2 → &lt;b&gt;%3&lt;/b&gt; = %4; phương pháp đã chọn %1 = %5 (%3 = %6)</translation>
        </message>
        <message>
            <location line="+16" />
            <source>&lt;b&gt;%1 %2&lt;/b&gt;: min %3, max %4, absmax %5, scale S %6, zero point Z %7; click the box to show its histogram</source>
            <translation>&lt;b&gt;%1 %2&lt;/b&gt;: min %3, max %4, absmax %5, hệ số tỉ lệ S %6, điểm không Z %7; nhấp vào hộp để xem biểu đồ tần suất của nó</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow/formattablemodel.cpp" line="-3" />
            <source>Inf</source>
            <translation>Inf</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow/mainwindow.cpp" line="+54" />
            <source>&lt;b&gt;Number formats at a glance.&lt;/b&gt; Every figure below is computed from the bit layout (sign, exponent, mantissa, bias, special values): value = (−1)&lt;sup&gt;S&lt;/sup&gt; × 1.M × 2&lt;sup&gt;E − bias&lt;/sup&gt;. Hover a column title for what it means.</source>
            <translation>&lt;b&gt;Tổng quan các định dạng số.&lt;/b&gt; Mọi con số dưới đây được tính từ bố cục bit (dấu, số mũ, định trị, bias, giá trị đặc biệt): giá trị = (−1)&lt;sup&gt;S&lt;/sup&gt; × 1.M × 2&lt;sup&gt;E − bias&lt;/sup&gt;. Rê chuột lên tiêu đề cột để xem ý nghĩa.</translation>
        </message>
        <message>
            <location filename="../../ui/plots/figuredata.cpp" line="+188" />
            <source>channel</source>
            <translation>kênh</translation>
        </message>
        <message>
            <location line="+10" />
            <source>block</source>
            <translation>khối</translation>
        </message>
        <message>
            <location filename="../../ui/plots/figures.cpp" line="-231" />
            <location line="+24" />
            <location line="+142" />
            <source>original</source>
            <translation>gốc</translation>
        </message>
        <message>
            <location line="-165" />
            <source>dequantized</source>
            <translation>giải lượng tử</translation>
        </message>
        <message>
            <location line="+2" />
            <source>pinned reference (dequantized)</source>
            <translation>tham chiếu đã ghim (giải lượng tử)</translation>
        </message>
        <message>
            <location line="+14" />
            <source>representable levels (%1)</source>
            <translation>các mức biểu diễn được (%1)</translation>
        </message>
        <message>
            <location line="+13" />
            <location line="+71" />
            <source>clip range [%1, %2]</source>
            <translation>khoảng cắt [%1, %2]</translation>
        </message>
        <message>
            <location line="-70" />
            <location line="+44" />
            <location line="+116" />
            <location line="+48" />
            <source>value x (tensor units)</source>
            <translation>giá trị x (đơn vị của tensor)</translation>
        </message>
        <message>
            <location line="-207" />
            <source>count per bin (bin width %1)</source>
            <translation>số lượng mỗi ô (độ rộng ô %1)</translation>
        </message>
        <message>
            <location line="+14" />
            <source>error = dequantized − original</source>
            <translation>sai số = giải lượng tử − gốc</translation>
        </message>
        <message>
            <location line="+3" />
            <source>pinned error</source>
            <translation>sai số đã ghim</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+238" />
            <source>error = dequantized − original (tensor units)</source>
            <translation>sai số = giải lượng tử − gốc (đơn vị của tensor)</translation>
        </message>
        <message>
            <location line="-237" />
            <location line="+140" />
            <source>count per bin</source>
            <translation>số lượng mỗi ô</translation>
        </message>
        <message>
            <location line="-118" />
            <source>error against the value (%1 points)</source>
            <translation>sai số theo giá trị (%1 điểm)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>error (tensor units)</source>
            <translation>sai số (đơn vị của tensor)</translation>
        </message>
        <message>
            <location line="+17" />
            <source>identity (no error)</source>
            <translation>đường đồng nhất (không sai số)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>quantize → dequantize</source>
            <translation>lượng tử hóa → giải lượng tử</translation>
        </message>
        <message>
            <location line="+5" />
            <source>input x (tensor units)</source>
            <translation>đầu vào x (đơn vị của tensor)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>dequantized value (tensor units)</source>
            <translation>giá trị giải lượng tử (đơn vị của tensor)</translation>
        </message>
        <message>
            <location line="+19" />
            <source>group %1: %2</source>
            <translation>nhóm %1: %2</translation>
        </message>
        <message>
            <location line="+9" />
            <source>chosen: %1</source>
            <translation>đã chọn: %1</translation>
        </message>
        <message>
            <location line="+10" />
            <source>%1 has no objective to search: it takes the range as given. Choices of the other methods:</source>
            <translation>%1 không có hàm mục tiêu để tìm: nó dùng nguyên khoảng đã cho. Lựa chọn của các phương pháp khác:</translation>
        </message>
        <message>
            <location line="+44" />
            <source>%1: [%2, %3]</source>
            <translation>%1: [%2, %3]</translation>
        </message>
        <message>
            <location line="+31" />
            <source>%1 ranges: min, quartiles, max</source>
            <translation>khoảng giá trị của %1: min, các tứ phân vị, max</translation>
        </message>
        <message>
            <location line="+12" />
            <source>scale S of the %1 (right axis)</source>
            <translation>scale S của %1 (trục phải)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1 index (the first %2 of %3)</source>
            <translation>chỉ số %1 (%2 đầu tiên trong %3)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>%1 index</source>
            <translation>chỉ số %1</translation>
        </message>
        <message>
            <location line="+12" />
            <source>selected %1 %2</source>
            <translation>%1 %2 đang chọn</translation>
        </message>
        <message>
            <location line="+8" />
            <source>%1 %2</source>
            <translation>%1 %2</translation>
        </message>
        <message>
            <location line="+4" />
            <source>values of %1 %2 (click a box above to pick another)</source>
            <translation>giá trị của %1 %2 (bấm vào một hộp phía trên để chọn cái khác)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>values of %1 %2</source>
            <translation>giá trị của %1 %2</translation>
        </message>
        <message>
            <location line="+1" />
            <source>count</source>
            <translation>số lượng</translation>
        </message>
        <message>
            <location line="+16" />
            <source>%1%2: SQNR %3 dB, %4 bits/value%5</source>
            <translation>%1%2: SQNR %3 dB, %4 bit/giá trị%5</translation>
        </message>
        <message>
            <location line="+1" />
            <source>current </source>
            <translation>hiện tại </translation>
        </message>
        <message>
            <location line="+7" />
            <source>density</source>
            <translation>mật độ</translation>
        </message>
        <message>
            <location line="+20" />
            <source>SQNR of the current settings</source>
            <translation>SQNR của thiết lập hiện tại</translation>
        </message>
        <message>
            <location line="+13" />
            <source>6.02 dB per bit</source>
            <translation>6,02 dB mỗi bit</translation>
        </message>
        <message>
            <location line="+1" />
            <source>bit width b</source>
            <translation>độ rộng bit b</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../../ui/plots/reportfigures.cpp" line="-130" />
            <source>SQNR (dB)</source>
            <translation>SQNR (dB)</translation>
        </message>
        <message>
            <location line="+79" />
            <source>warning: %1</source>
            <translation>cảnh báo: %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1 · clip [%2, %3]
data: %4 · MSE %5, SQNR %6 dB, %7 bits/value</source>
            <translation>%1 · cắt [%2, %3]
dữ liệu: %4 · MSE %5, SQNR %6 dB, %7 bit/giá trị</translation>
        </message>
        <message>
            <location filename="../../ui/session/session.cpp" line="+61" />
            <source>generated: %1</source>
            <translation>sinh ngẫu nhiên: %1</translation>
        </message>
        <message>
            <location line="+4" />
            <source>pasted values</source>
            <translation>giá trị đã dán</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow/autosave.cpp" line="+58" />
            <source>autosave failed: %1</source>
            <translation>tự động lưu thất bại: %1</translation>
        </message>
        <message>
            <location filename="../../ui/plots/reportfigures.cpp" line="-93" />
            <source>SQNR per tensor and scheme (most sensitive at the top)</source>
            <translation>SQNR theo tensor và lược đồ (nhạy nhất ở trên cùng)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>, %1 more tensors not shown</source>
            <translation>, còn %1 tensor không hiển thị</translation>
        </message>
        <message>
            <location line="+50" />
            <source> (model)</source>
            <translation> (mô hình)</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Pareto front of the schemes</source>
            <translation>Biên Pareto của các lược đồ</translation>
        </message>
        <message>
            <location line="+13" />
            <source>mixed precision (planner)</source>
            <translation>độ chính xác hỗn hợp (bộ lập kế hoạch)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>plan within %1 bits/value</source>
            <translation>kế hoạch trong %1 bit/giá trị</translation>
        </message>
        <message>
            <location line="+2" />
            <source>bits per value (everything stored)</source>
            <translation>bit trên mỗi giá trị (mọi thứ được lưu)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>SQNR against bits/value: every tensor, the model, the Pareto front</source>
            <translation>SQNR theo bit/giá trị: mọi tensor, mô hình, biên Pareto</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Quantization report: %1 (%2, %3 tensors)</source>
            <translation>Báo cáo lượng tử hóa: %1 (%2, %3 tensor)</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Model totals (weighted by values): SQNR dB / bits per value</source>
            <translation>Tổng của mô hình (có trọng số theo số giá trị): SQNR dB / bit trên mỗi giá trị</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Plan within %1 bits/value (%2): %3 bits/value, global SQNR %4 dB</source>
            <translation>Kế hoạch trong %1 bit/giá trị (%2): %3 bit/giá trị, SQNR toàn cục %4 dB</translation>
        </message>
        <message>
            <location line="+2" />
            <source>exact</source>
            <translation>chính xác</translation>
        </message>
        <message>
            <location line="+0" />
            <source>greedy</source>
            <translation>tham lam</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No plan fits %1 bits/value; the cheapest needs %2</source>
            <translation>Không kế hoạch nào vừa %1 bit/giá trị; kế hoạch rẻ nhất cần %2</translation>
        </message>
        <message>
            <location line="+9" />
            <source>tensor</source>
            <translation>tensor</translation>
        </message>
        <message>
            <location line="+1" />
            <source>shape</source>
            <translation>kích thước</translation>
        </message>
        <message>
            <location line="+1" />
            <source>dtype</source>
            <translation>kiểu</translation>
        </message>
        <message>
            <location line="+1" />
            <source>absmax</source>
            <translation>absmax</translation>
        </message>
        <message>
            <location line="+1" />
            <source>kurt.</source>
            <translation>độ nhọn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>outlier</source>
            <translation>ngoại lai</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Bold: the scheme the plan chose for the tensor.</source>
            <translation>In đậm: lược đồ mà kế hoạch chọn cho tensor.</translation>
        </message>
        <message>
            <location line="+20" />
            <source>cannot write %1</source>
            <translation>không ghi được %1</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Quantization report</source>
            <translation>Báo cáo lượng tử hóa</translation>
        </message>
        <message>
            <location line="+33" />
            <source>'%1': use a .pdf, .svg or .png file name</source>
            <translation>'%1': hãy dùng tên tệp .pdf, .svg hoặc .png</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <location filename="../../ui/settings/externaltexts.cpp" line="+93" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save</source>
            <translation>Lưu</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save All</source>
            <translation>Lưu tất cả</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Yes</source>
            <translation>&amp;Có</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Yes to &amp;All</source>
            <translation>Có với &amp;tất cả</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;No</source>
            <translation>&amp;Không</translation>
        </message>
        <message>
            <location line="+1" />
            <source>N&amp;o to All</source>
            <translation>Không với tất &amp;cả</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Abort</source>
            <translation>Hủy bỏ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Retry</source>
            <translation>Thử lại</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ignore</source>
            <translation>Bỏ qua</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Discard</source>
            <translation>Bỏ thay đổi</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Help</source>
            <translation>Trợ giúp</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Apply</source>
            <translation>Áp dụng</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reset</source>
            <translation>Đặt lại</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Restore Defaults</source>
            <translation>Khôi phục mặc định</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Don't Save</source>
            <translation>Không lưu</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close without Saving</source>
            <translation>Đóng không lưu</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <location filename="../../app/gui/main.cpp" line="+122" />
            <source>Teach and explore neural-network quantization.</source>
            <translation>Dạy và khám phá lượng tử hóa mạng nơ-ron.</translation>
        </message>
        <message>
            <location filename="../../app/gui/guioptions.cpp" line="+18" />
            <source>Render the main window to FILE (PNG) and exit.</source>
            <translation>Vẽ cửa sổ chính ra FILE (PNG) rồi thoát.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The view to bring to the front (explorer, a plot name, formats...).</source>
            <translation>Khung nhìn đưa lên trước (explorer, tên một đồ thị, formats...).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Window size for --screenshot, WxH.</source>
            <translation>Kích thước cửa sổ cho --screenshot, WxH.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Open a .qscope session.</source>
            <translation>Mở một phiên .qscope.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Measure control-change latency, GUI blocking and start-up.</source>
            <translation>Đo độ trễ khi đổi điều khiển, thời gian giao diện bị chặn và thời gian khởi động.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Measure how long pasting values into the Data dock blocks the GUI.</source>
            <translation>Đo thời gian việc dán giá trị vào khung Dữ liệu chặn giao diện.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Values for --bench-ui (default 1000000) or --bench-paste (300000).</source>
            <translation>Số giá trị cho --bench-ui (mặc định 1000000) hoặc --bench-paste (300000).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>--bench-ui, --bench-paste: print JSON.</source>
            <translation>--bench-ui, --bench-paste: in ra JSON.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Start in presentation mode.</source>
            <translation>Khởi động ở chế độ trình chiếu.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Interface language for this run (en, vi), overriding the settings.</source>
            <translation>Ngôn ngữ giao diện cho lần chạy này (en, vi), thay cho cài đặt.</translation>
        </message>
        <message>
            <location filename="../../app/gui/main.cpp" line="+21" />
            <source>A .qscope session or a tensor file.</source>
            <translation>Một phiên .qscope hoặc một tệp tensor.</translation>
        </message>
    </context>
    <context>
        <name>qs</name>
        <message>
            <location filename="../../ui/lessons/appstate.cpp" line="+93" />
            <source>unknown app state key '%1'</source>
            <translation>khóa trạng thái ứng dụng '%1' không xác định</translation>
        </message>
        <message>
            <location line="+9" />
            <source>unknown view '%1' (%2)</source>
            <translation>khung nhìn '%1' không xác định (%2)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the view '%1' has no sub-pages</source>
            <translation>khung nhìn '%1' không có trang con</translation>
        </message>
        <message>
            <location line="+15" />
            <source>app state 'data' needs a 'generator' or 'pasted' key</source>
            <translation>trạng thái ứng dụng 'data' cần khóa 'generator' hoặc 'pasted'</translation>
        </message>
        <message>
            <location line="+5" />
            <source>bad data: %1</source>
            <translation>dữ liệu không hợp lệ: %1</translation>
        </message>
        <message>
            <location line="+8" />
            <source>app state 'config' must be an object</source>
            <translation>trạng thái ứng dụng 'config' phải là một object</translation>
        </message>
        <message>
            <location line="+4" />
            <source>invalid quantizer: %1</source>
            <translation>bộ lượng tử hóa không hợp lệ: %1</translation>
        </message>
        <message>
            <location line="+10" />
            <source>unknown plot '%1' (%2)</source>
            <translation>đồ thị '%1' không xác định (%2)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>app state 'log_y' must be true or false</source>
            <translation>trạng thái ứng dụng 'log_y' phải là true hoặc false</translation>
        </message>
        <message>
            <location line="+11" />
            <source>bad Bit Lab format: %1</source>
            <translation>định dạng Bit Lab không hợp lệ: %1</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Bit Lab value '%1' is not a number</source>
            <translation>giá trị Bit Lab '%1' không phải là số</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Bit Lab code '%1' is not 0x…, 0b… or an integer</source>
            <translation>mã Bit Lab '%1' không phải dạng 0x…, 0b… hay số nguyên</translation>
        </message>
        <message>
            <location line="+4" />
            <source>the Bit Lab has no tab '%1'</source>
            <translation>Bit Lab không có thẻ '%1'</translation>
        </message>
        <message>
            <location line="+5" />
            <source>the Model Lab is not available in this build</source>
            <translation>Model Lab không có trong bản dựng này</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Model Lab settings need "show": "memory"</source>
            <translation>Thiết lập Model Lab cần "show": "memory"</translation>
        </message>
        <message>
            <location line="+6" />
            <source>unknown model preset '%1'</source>
            <translation>mẫu mô hình không rõ '%1'</translation>
        </message>
        <message>
            <location line="+3" />
            <source>unknown memory setting '%1' (preset, format)</source>
            <translation>thiết lập bộ nhớ không rõ '%1' (preset, format)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>bad weight format: %1</source>
            <translation>định dạng trọng số sai: %1</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Lesson step</source>
            <translation>Bước bài học</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Lesson data</source>
            <translation>Dữ liệu bài học</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Lesson settings</source>
            <translation>Thiết lập bài học</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lesson view</source>
            <translation>Khung nhìn bài học</translation>
        </message>
        <message>
            <location line="-36" />
            <location line="+58" />
            <source>the Model Lab has no page '%1'</source>
            <translation>Model Lab không có trang '%1'</translation>
        </message>
        <message>
            <location line="+6" />
            <source>the Model Lab refused the settings of page '%1'</source>
            <translation>Model Lab từ chối thiết lập của trang '%1'</translation>
        </message>
        <message>
            <location line="+9" />
            <source>the view '%1' has no page '%2'</source>
            <translation>khung nhìn '%1' không có trang '%2'</translation>
        </message>
    </context>
    <context>
        <name>qs::AppActions</name>
        <message>
            <location filename="../../ui/mainwindow/appactions.cpp" line="+118" />
            <source>&amp;Open…</source>
            <translation>&amp;Mở…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Open session or tensor</source>
            <translation>Mở phiên hoặc tensor</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Open &amp;Recent</source>
            <translation>Mở &amp;gần đây</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Save Session</source>
            <translation>&amp;Lưu phiên</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save Session &amp;As…</source>
            <translation>Lưu phiên &amp;thành…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Export Figure…</source>
            <translation>&amp;Xuất hình…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export Histogram Bins (CSV)…</source>
            <translation>Xuất các ô histogram (CSV)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export Dequantized Tensor (.npy)…</source>
            <translation>Xuất tensor đã giải lượng tử (.npy)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export Figure Data (CSV)…</source>
            <translation>Xuất dữ liệu của hình (CSV)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export Settings (JSON)…</source>
            <translation>Xuất thiết lập (JSON)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Copy Figure</source>
            <translation>&amp;Sao chép hình</translation>
        </message>
        <message>
            <location line="+5" />
            <source>%1 — Quantscope</source>
            <translation>%1 — Quantscope</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Undo</source>
            <translation>&amp;Hoàn tác</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Redo</source>
            <translation>&amp;Làm lại</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Reset &amp;Example</source>
            <translation>Đặt lại &amp;ví dụ</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Back to the example: 100,000 weights with a few outliers, int8 symmetric, min-max.</source>
            <translation>Quay về ví dụ: 100.000 trọng số với vài giá trị ngoại lai, int8 đối xứng, min-max.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Pin Result as Reference</source>
            <translation>&amp;Ghim kết quả làm tham chiếu</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Zoom &amp;In</source>
            <translation>Phóng t&amp;o</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Everything larger: text, values, bit cells and plots.</source>
            <translation>Mọi thứ to hơn: chữ, giá trị, ô bit và biểu đồ.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Zoom &amp;Out</source>
            <translation>Thu &amp;nhỏ</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Everything smaller: text, values, bit cells and plots.</source>
            <translation>Mọi thứ nhỏ hơn: chữ, giá trị, ô bit và biểu đồ.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Actual Size</source>
            <translation>Cỡ &amp;gốc</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Back to the normal size.</source>
            <translation>Trở về cỡ bình thường.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Presentation Mode</source>
            <translation>Chế độ &amp;trình chiếu</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Dark Theme</source>
            <translation>Giao diện &amp;tối</translation>
        </message>
        <message>
            <location line="+58" />
            <source>Opened %1</source>
            <translation>Đã mở %1</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Loaded %1</source>
            <translation>Đã nạp %1</translation>
        </message>
        <message>
            <location line="+9" />
            <location line="+16" />
            <location filename="../../ui/mainwindow/recoveryactions.cpp" line="+147" />
            <source>Save session</source>
            <translation>Lưu phiên</translation>
        </message>
        <message>
            <location line="-16" />
            <source>Quantscope sessions (*.qscope)</source>
            <translation>Phiên Quantscope (*.qscope)</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Saved %1</source>
            <translation>Đã lưu %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Export figure</source>
            <translation>Xuất hình</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Figure size</source>
            <translation>Kích thước hình</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Width in pixels at the DPI below; a PDF or SVG page is width / DPI inches wide.</source>
            <translation>Chiều rộng tính bằng điểm ảnh ở DPI bên dưới; trang PDF hoặc SVG rộng chiều rộng / DPI inch.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Height in pixels at the DPI below; a PDF or SVG page is height / DPI inches high.</source>
            <translation>Chiều cao tính bằng điểm ảnh ở DPI bên dưới; trang PDF hoặc SVG cao chiều cao / DPI inch.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Dots per inch: 192 or 300 for print, 96 for the screen. 1600 × 1000 at 192 DPI is an 8.3 × 5.2 inch figure in every format.</source>
            <translation>Số điểm trên mỗi inch: 192 hoặc 300 để in, 96 cho màn hình. 1600 × 1000 ở 192 DPI là hình 8,3 × 5,2 inch ở mọi định dạng.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>DPI</source>
            <translation>DPI</translation>
        </message>
        <message>
            <location line="-2" />
            <source>Width</source>
            <translation>Rộng</translation>
        </message>
        <message>
            <location line="-208" />
            <source>Open a saved .qscope session, a tensor file or a model checkpoint.</source>
            <translation>Mở một phiên .qscope đã lưu, một tệp tensor hoặc một checkpoint mô hình.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open Model &amp;Folder…</source>
            <translation>Mở thư mục &amp;mô hình…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open a folder holding a model</source>
            <translation>Mở một thư mục chứa mô hình</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Open a folder of safetensors shards (with or without its index) as one model.</source>
            <translation>Mở một thư mục gồm các phần safetensors (có hoặc không có tệp index) như một mô hình.</translation>
        </message>
        <message>
            <location line="+62" />
            <source>Large text and thick lines in high contrast, for a projector: a zoom preset that still fits the window.</source>
            <translation>Chữ to, nét dày, độ tương phản cao, dành cho máy chiếu: một mức phóng to đặt sẵn vẫn vừa cửa sổ.</translation>
        </message>
        <message>
            <location line="+140" />
            <source>Height</source>
            <translation>Cao</translation>
        </message>
        <message>
            <location line="+15" />
            <location line="+20" />
            <source>Exported %1</source>
            <translation>Đã xuất %1</translation>
        </message>
        <message>
            <location line="-15" />
            <source>NumPy (*.npy)</source>
            <translation>NumPy (*.npy)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>JSON (*.json)</source>
            <translation>JSON (*.json)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export</source>
            <translation>Xuất</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow/recoveryactions.cpp" line="-107" />
            <location line="+42" />
            <source>Restored the session of a run that did not end cleanly; it is not saved yet.</source>
            <translation>Đã khôi phục phiên của một lần chạy không kết thúc bình thường; phiên này chưa được lưu.</translation>
        </message>
        <message>
            <location line="-8" />
            <source>Restore session</source>
            <translation>Khôi phục phiên</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Restored the session of the previous run.</source>
            <translation>Đã khôi phục phiên của lần chạy trước.</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n more unsaved session(s) will be offered at the next start.</source>
            <translation>
                <numerusform>Còn %n phiên chưa lưu sẽ được đề nghị khôi phục ở lần khởi động sau.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+38" />
            <source>Restore unsaved work</source>
            <translation>Khôi phục công việc chưa lưu</translation>
        </message>
        <message>
            <location line="+1" />
            <source>A Quantscope session was not saved when its run ended on %1.</source>
            <translation>Một phiên Quantscope chưa được lưu khi lần chạy của nó kết thúc lúc %1.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Never saved.</source>
            <translation>Chưa từng được lưu.</translation>
        </message>
        <message>
            <location line="+0" />
            <source>From %1.</source>
            <translation>Từ %1.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Data: %1.</source>
            <translation>Dữ liệu: %1.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>It cannot be read: %1</source>
            <translation>Không đọc được: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Autosave file: %1</source>
            <translation>Tệp tự lưu: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Restore</source>
            <translation>&amp;Khôi phục</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Discard</source>
            <translation>&amp;Bỏ đi</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Keep for Later</source>
            <translation>&amp;Giữ lại để sau</translation>
        </message>
        <message>
            <location line="+14" />
            <source>%1 was changed on disk since this window opened or saved it, perhaps by another Quantscope.</source>
            <translation>%1 đã bị thay đổi trên đĩa kể từ khi cửa sổ này mở hoặc lưu nó, có thể bởi một Quantscope khác.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Overwriting replaces those changes with this session.</source>
            <translation>Ghi đè sẽ thay những thay đổi đó bằng phiên này.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Overwrite</source>
            <translation>&amp;Ghi đè</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save &amp;As…</source>
            <translation>Lưu &amp;thành…</translation>
        </message>
    </context>
    <context>
        <name>qs::AppState</name>
        <message>
            <location filename="../../ui/settings/externaltexts.cpp" line="-41" />
            <source>unknown app state key '%1'</source>
            <translation>khóa trạng thái ứng dụng '%1' không xác định</translation>
        </message>
        <message>
            <location line="+1" />
            <source>unknown view '%1' (%2)</source>
            <translation>khung nhìn '%1' không xác định (%2)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the view '%1' has no sub-pages</source>
            <translation>khung nhìn '%1' không có trang con</translation>
        </message>
        <message>
            <location line="+1" />
            <source>app state 'data' needs a 'generator' or 'pasted' key</source>
            <translation>trạng thái ứng dụng 'data' cần khóa 'generator' hoặc 'pasted'</translation>
        </message>
        <message>
            <location line="+1" />
            <source>bad data: %1</source>
            <translation>dữ liệu không hợp lệ: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>app state 'config' must be an object</source>
            <translation>trạng thái ứng dụng 'config' phải là một object</translation>
        </message>
        <message>
            <location line="+1" />
            <source>invalid quantizer: %1</source>
            <translation>bộ lượng tử hóa không hợp lệ: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>unknown plot '%1' (%2)</source>
            <translation>đồ thị '%1' không xác định (%2)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>app state 'log_y' must be true or false</source>
            <translation>trạng thái ứng dụng 'log_y' phải là true hoặc false</translation>
        </message>
        <message>
            <location line="+1" />
            <source>bad Bit Lab format: %1</source>
            <translation>định dạng Bit Lab không hợp lệ: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Bit Lab value '%1' is not a number</source>
            <translation>giá trị Bit Lab '%1' không phải là số</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Bit Lab code '%1' is not 0x…, 0b… or an integer</source>
            <translation>mã Bit Lab '%1' không phải dạng 0x…, 0b… hay số nguyên</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the Bit Lab has no tab '%1'</source>
            <translation>Bit Lab không có thẻ '%1'</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the Model Lab is not available in this build</source>
            <translation>Model Lab không có trong bản dựng này</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lesson step</source>
            <translation>Bước bài học</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lesson data</source>
            <translation>Dữ liệu bài học</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lesson settings</source>
            <translation>Thiết lập bài học</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lesson view</source>
            <translation>Khung nhìn bài học</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the Model Lab has no page '%1'</source>
            <translation>Model Lab không có trang '%1'</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the view '%1' has no page '%2'</source>
            <translation>khung nhìn '%1' không có trang '%2'</translation>
        </message>
    </context>
    <context>
        <name>qs::Autosaver</name>
        <message>
            <location filename="../../ui/mainwindow/autosave.cpp" line="+71" />
            <source>autosave is off: cannot create a file in %1</source>
            <translation>tự lưu đang tắt: không tạo được tệp trong %1</translation>
        </message>
        <message>
            <location line="+141" />
            <source>%1 is not an autosave this window may restore</source>
            <translation>%1 không phải bản tự lưu mà cửa sổ này được phép khôi phục</translation>
        </message>
    </context>
    <context>
        <name>qs::BitLabView</name>
        <message>
            <location filename="../../ui/bitlab/bitlabview.cpp" line="+120" />
            <location line="+10" />
            <source>Change format</source>
            <translation>Đổi định dạng</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Saturation</source>
            <translation>Bão hòa</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Edit bits</source>
            <translation>Sửa bit</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Enter value</source>
            <translation>Nhập giá trị</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Select code</source>
            <translation>Chọn mã</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Format</source>
            <translation>Định dạng</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Reset</source>
            <translation>Đặt lại</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Back to the starting example: 25.125 in FP32.</source>
            <translation>Quay về ví dụ ban đầu: 25.125 trong FP32.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Properties</source>
            <translation>Thuộc tính</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Bits</source>
            <translation>Bit</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Export figure</source>
            <translation>Xuất hình</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save the bit row or the number line as a PNG, PDF or SVG figure.</source>
            <translation>Lưu hàng bit hoặc trục số thành hình PNG, PDF hoặc SVG.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Bit row…</source>
            <translation>Hàng bit…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Number line…</source>
            <translation>Trục số…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Where the last figure was saved, or why it could not be.</source>
            <translation>Nơi hình gần nhất đã được lưu, hoặc lý do không lưu được.</translation>
        </message>
        <message>
            <location line="+57" />
            <source>Undo</source>
            <translation>Hoàn tác</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Undo the last change of the format or the bits (%1).</source>
            <translation>Hoàn tác thay đổi gần nhất của định dạng hoặc các bit (%1).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Redo</source>
            <translation>Làm lại</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Redo the change just undone (%1).</source>
            <translation>Làm lại thay đổi vừa hoàn tác (%1).</translation>
        </message>
        <message>
            <location line="+42" />
            <source>Steps</source>
            <translation>Các bước</translation>
        </message>
        <message>
            <location line="+0" />
            <source>The conversion of the value into bits, one step at a time.</source>
            <translation>Chuyển giá trị thành bit, từng bước một.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Compare</source>
            <translation>So sánh</translation>
        </message>
        <message>
            <location line="+0" />
            <source>The value stored in several formats side by side.</source>
            <translation>Cùng một giá trị lưu trong nhiều định dạng, đặt cạnh nhau.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Number line</source>
            <translation>Trục số</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Where the representable values lie.</source>
            <translation>Các giá trị biểu diễn được nằm ở đâu.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>All codes</source>
            <translation>Mọi mã</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Every code of a format of at most 8 bits.</source>
            <translation>Mọi mã của một định dạng tối đa 8 bit.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Double rounding</source>
            <translation>Làm tròn hai lần</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Rounding twice (FP32 → BF16 → FP8) can differ from rounding once.</source>
            <translation>Làm tròn hai lần (FP32 → BF16 → FP8) có thể khác làm tròn một lần.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Overflow</source>
            <translation>Tràn số (overflow)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>A product or sum in FP32, FP16 and BF16: overflow and underflow.</source>
            <translation>Một tích hoặc tổng trong FP32, FP16 và BF16: tràn số và tràn dưới.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>MX block</source>
            <translation>Khối MX</translation>
        </message>
        <message>
            <location line="+0" />
            <source>32 elements sharing one power-of-two scale (OCP Microscaling).</source>
            <translation>32 phần tử dùng chung một scale là lũy thừa của 2 (OCP Microscaling).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>K-quant block</source>
            <translation>Khối K-quant</translation>
        </message>
        <message>
            <location line="+1" />
            <source>A llama.cpp block of real data taken apart: d, dmin, the sub-block scales and mins, the codes.</source>
            <translation>Một khối llama.cpp của dữ liệu thật được tách ra: d, dmin, hệ số tỉ lệ và giá trị nhỏ nhất của các khối con, các mã.</translation>
        </message>
        <message>
            <location line="+43" />
            <source>Set code</source>
            <translation>Đặt mã</translation>
        </message>
        <message>
            <location line="+56" />
            <source>%1 in %2</source>
            <translation>%1 trong %2</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Representable values of %1</source>
            <translation>Các giá trị biểu diễn được của %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Export number line</source>
            <translation>Xuất trục số</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Export bit row</source>
            <translation>Xuất hàng bit</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Saved %1</source>
            <translation>Đã lưu %1</translation>
        </message>
    </context>
    <context>
        <name>qs::BitRowWidget</name>
        <message>
            <location filename="../../ui/bitlab/bitrowwidget.cpp" line="+43" />
            <source>The bits of the number: click a bit to flip it, drag across bits to paint, or use ←/→ and Space.</source>
            <translation>Các bit của số: bấm vào một bit để lật nó, kéo qua các bit để tô, hoặc dùng ←/→ và phím cách.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Bit editor</source>
            <translation>Trình sửa bit</translation>
        </message>
        <message>
            <location line="+126" />
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <location line="+204" />
            <source>&lt;br&gt;&lt;i&gt;Click to flip, drag to paint.&lt;/i&gt;</source>
            <translation>&lt;br&gt;&lt;i&gt;Bấm để lật, kéo để tô.&lt;/i&gt;</translation>
        </message>
    </context>
    <context>
        <name>qs::CalibrationPanel</name>
        <message>
            <location filename="../../ui/explorer/calibrationpanel.cpp" line="+42" />
            <source>How the clipping range [α, β] that the grid covers is chosen from the data.</source>
            <translation>Cách chọn khoảng cắt [α, β] mà lưới phủ lên, dựa trên dữ liệu.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The percentile of |x| that becomes the clip value (99.99 keeps all but 1 in 10,000).</source>
            <translation>Phân vị của |x| được dùng làm ngưỡng cắt (99,99 giữ lại tất cả trừ 1 trên 10.000).</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Lower end α of the manual clip range: smaller values are clamped to it.</source>
            <translation>Đầu dưới α của khoảng cắt thủ công: giá trị nhỏ hơn bị kẹp về nó.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Upper end β of the manual clip range: larger values are clamped to it.</source>
            <translation>Đầu trên β của khoảng cắt thủ công: giá trị lớn hơn bị kẹp về nó.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drag the red clip lines on the histogram to set a manual range.</source>
            <translation>Kéo các đường cắt màu đỏ trên histogram để đặt khoảng thủ công.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Method</source>
            <translation>&amp;Phương pháp</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Percentile</source>
            <translation>Phân &amp;vị</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Manual m&amp;in α</source>
            <translation>M&amp;in thủ công α</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Manual m&amp;ax β</source>
            <translation>M&amp;ax thủ công β</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Calibration method</source>
            <translation>Phương pháp hiệu chỉnh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Percentile</source>
            <translation>Phân vị</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+1" />
            <source>Manual range</source>
            <translation>Khoảng thủ công</translation>
        </message>
        <message>
            <location filename="../../ui/settings/externaltexts.cpp" line="-41" />
            <source>min-max</source>
            <translation>min-max</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clip at the smallest and largest value: nothing is clipped, but one outlier stretches the grid.</source>
            <translation>Cắt tại giá trị nhỏ nhất và lớn nhất: không giá trị nào bị cắt, nhưng một giá trị ngoại lai cũng kéo giãn lưới.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>moving-average min-max</source>
            <translation>min-max trung bình trượt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Average the min and max over batches, as PyTorch observers do during training.</source>
            <translation>Lấy trung bình min và max qua các batch, như các observer của PyTorch làm khi huấn luyện.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>percentile</source>
            <translation>phân vị (percentile)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clip at a percentile of |x|: a few extreme values are sacrificed for finer steps.</source>
            <translation>Cắt tại một phân vị của |x|: hy sinh vài giá trị cực đoan để có bước mịn hơn.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>entropy (KL)</source>
            <translation>entropy (KL)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>NVIDIA's method: the threshold whose quantized histogram loses least information (KL divergence).</source>
            <translation>Phương pháp của NVIDIA: chọn ngưỡng mà histogram sau lượng tử hóa mất ít thông tin nhất (độ phân kỳ KL).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>MSE</source>
            <translation>MSE</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The clip value that minimises the mean squared error of quantizing this data.</source>
            <translation>Ngưỡng cắt làm sai số bình phương trung bình khi lượng tử hóa dữ liệu này nhỏ nhất.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>manual</source>
            <translation>thủ công</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The range given below (dragging the clip lines on the histogram sets it).</source>
            <translation>Khoảng nhập bên dưới (kéo các đường cắt trên histogram cũng đặt được nó).</translation>
        </message>
    </context>
    <context>
        <name>qs::CodeTablePanel</name>
        <message>
            <location filename="../../ui/bitlab/codetablepanel.cpp" line="+35" />
            <source>Every code of the format: rows are the high bits, columns the low bits. Click a cell to load it into the bit editor.</source>
            <translation>Mọi mã của định dạng: hàng là các bit cao, cột là các bit thấp. Bấm vào một ô để nạp nó vào trình sửa bit.</translation>
        </message>
        <message>
            <location line="+34" />
            <source>&lt;b&gt;%1 has %2 codes&lt;/b&gt;, too many for a table. Choose a format of at most %3 bits (FP8, FP6, FP4, E8M0, int8 …) from the presets to see every code.</source>
            <translation>&lt;b&gt;%1 có %2 mã&lt;/b&gt;, quá nhiều để xếp thành bảng. Chọn một định dạng tối đa %3 bit (FP8, FP6, FP4, E8M0, int8 …) trong các mẫu có sẵn để xem mọi mã.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>&lt;b&gt;All %1 codes of %2.&lt;/b&gt; Row = the high %3 bits, column = the low %4 bits. Shaded: &lt;span style='background:#cfe3f3'&gt;&amp;nbsp;subnormal&amp;nbsp;&lt;/span&gt; &lt;span style='background:#dddddd'&gt;&amp;nbsp;zero&amp;nbsp;&lt;/span&gt; &lt;span style='background:#f3d2b8'&gt;&amp;nbsp;Inf/NaN&amp;nbsp;&lt;/span&gt;.</source>
            <translation>&lt;b&gt;Toàn bộ %1 mã của %2.&lt;/b&gt; Hàng = %3 bit cao, cột = %4 bit thấp. Tô màu: &lt;span style='background:#cfe3f3'&gt;&amp;nbsp;subnormal&amp;nbsp;&lt;/span&gt; &lt;span style='background:#dddddd'&gt;&amp;nbsp;số 0&amp;nbsp;&lt;/span&gt; &lt;span style='background:#f3d2b8'&gt;&amp;nbsp;Inf/NaN&amp;nbsp;&lt;/span&gt;.</translation>
        </message>
        <message>
            <location line="+26" />
            <source>&lt;b&gt;%1&lt;/b&gt; (%2) = %3&lt;br&gt;class: %4</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; (%2) = %3&lt;br&gt;loại: %4</translation>
        </message>
    </context>
    <context>
        <name>qs::CompareListPanel</name>
        <message>
            <location filename="../../ui/explorer/comparelistpanel.cpp" line="+23" />
            <source>&lt;b&gt;Compared quantizers&lt;/b&gt;</source>
            <translation>&lt;b&gt;Các bộ lượng tử hóa được so sánh&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The quantizers the Compare plot runs on the same data after the current settings.</source>
            <translation>Các bộ lượng tử hóa mà biểu đồ So sánh chạy trên cùng dữ liệu, sau thiết lập hiện tại.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>One quantizer per row, compared in this order after the current settings (the first row of the table).</source>
            <translation>Mỗi hàng một bộ lượng tử hóa, so sánh theo thứ tự này sau thiết lập hiện tại (hàng đầu tiên của bảng).</translation>
        </message>
        <message>
            <location line="+6" />
            <source>e.g. int4 channel:0</source>
            <translation>ví dụ int4 channel:0</translation>
        </message>
        <message>
            <location line="+1" />
            <source>A quantizer (int8, fp8-e4m3, nf4, mxfp4, int4 …) and optionally a granularity (tensor, channel:AXIS, block:SIZE, auto); Enter adds it.</source>
            <translation>Một bộ lượng tử hóa (int8, fp8-e4m3, nf4, mxfp4, int4 …) và tùy chọn một độ chi tiết (tensor, channel:AXIS, block:SIZE, auto); nhấn Enter để thêm.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Add</source>
            <translation>Thêm</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Add the typed quantizer at the end of the list.</source>
            <translation>Thêm bộ lượng tử hóa vừa gõ vào cuối danh sách.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Remove</source>
            <translation>Xóa</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Remove the selected quantizer from the comparison.</source>
            <translation>Bỏ bộ lượng tử hóa đã chọn khỏi phép so sánh.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Up</source>
            <translation>Lên</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Move the selected quantizer one row up (rows of the plot follow this order).</source>
            <translation>Đưa bộ lượng tử hóa đã chọn lên một hàng (các đường của biểu đồ theo thứ tự này).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Down</source>
            <translation>Xuống</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Move the selected quantizer one row down.</source>
            <translation>Đưa bộ lượng tử hóa đã chọn xuống một hàng.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Default</source>
            <translation>Mặc định</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Back to int8, FP8-E4M3, NF4, MXFP4 and int4 per channel (per block of 32 for 1-d data).</source>
            <translation>Trở về int8, FP8-E4M3, NF4, MXFP4 và int4 theo kênh (theo khối 32 với dữ liệu 1 chiều).</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Why the last typed entry was refused.</source>
            <translation>Lý do mục vừa gõ bị từ chối.</translation>
        </message>
        <message>
            <location line="+43" />
            <source>Compare %1</source>
            <translation>So sánh %1</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Stop comparing %1</source>
            <translation>Ngừng so sánh %1</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Reorder compared quantizers</source>
            <translation>Sắp xếp lại các bộ lượng tử hóa được so sánh</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Default compared quantizers</source>
            <translation>Các bộ lượng tử hóa so sánh mặc định</translation>
        </message>
        <message>
            <location line="+22" />
            <source>%1, per channel (axis 0) for matrices, per block of 32 for 1-d data</source>
            <translation>%1, theo kênh (trục 0) với ma trận, theo khối 32 với dữ liệu 1 chiều</translation>
        </message>
        <message>
            <location line="+2" />
            <source>%1 with its own grouping (per tensor; blocks for NF4 and the MX formats)</source>
            <translation>%1 với cách nhóm riêng của nó (theo tensor; theo khối với NF4 và các định dạng MX)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 with granularity %2</source>
            <translation>%1 với độ chi tiết %2</translation>
        </message>
    </context>
    <context>
        <name>qs::ComparePanel</name>
        <message>
            <location filename="../../ui/bitlab/comparepanel.cpp" line="+21" />
            <source>Tick the formats to store the current value in.</source>
            <translation>Đánh dấu các định dạng sẽ lưu giá trị hiện tại.</translation>
        </message>
        <message>
            <location line="+46" />
            <source>&lt;b&gt;%1&lt;/b&gt; stored in each format, rounding %2%3</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; lưu trong từng định dạng, làm tròn %2%3</translation>
        </message>
        <message>
            <location line="+2" />
            <source>, saturating</source>
            <translation>, có bão hòa</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Format</source>
            <translation>Định dạng</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Bits</source>
            <translation>Bit</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Stored value</source>
            <translation>Giá trị lưu</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Error</source>
            <translation>Sai số</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Relative</source>
            <translation>Tương đối</translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1 (editing)</source>
            <translation>%1 (đang sửa)</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The number format of this row.</source>
            <translation>Định dạng số của hàng này.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The bits of the stored value (sign, exponent, mantissa coloured).</source>
            <translation>Các bit của giá trị lưu (dấu, số mũ, định trị được tô màu).</translation>
        </message>
        <message>
            <location line="+13" />
            <source>&lt;b style='color:#D55E00'&gt;overflow&lt;/b&gt;</source>
            <translation>&lt;b style='color:#D55E00'&gt;tràn số&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&lt;b style='color:#0072B2'&gt;underflow to 0&lt;/b&gt;</source>
            <translation>&lt;b style='color:#0072B2'&gt;tràn dưới về 0&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;b style='color:#0072B2'&gt;subnormal&lt;/b&gt;</source>
            <translation>&lt;b style='color:#0072B2'&gt;subnormal&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+2" />
            <source>exact</source>
            <translation>chính xác</translation>
        </message>
    </context>
    <context>
        <name>qs::DataPanel</name>
        <message>
            <location filename="../../ui/explorer/datapanel.cpp" line="+95" />
            <source>Generator</source>
            <translation>Bộ sinh</translation>
        </message>
        <message>
            <location line="+8" />
            <source>A seeded distribution: the same parameters give the same values on every machine.</source>
            <translation>Một phân phối có seed: cùng tham số cho cùng giá trị trên mọi máy.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>key=value pairs of the generator, e.g. n=100000,seed=1,std=0.02 (Enter applies).</source>
            <translation>Các cặp khóa=giá trị của bộ sinh, ví dụ n=100000,seed=1,std=0.02 (Enter để áp dụng).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Generate</source>
            <translation>&amp;Sinh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Replace the data by values drawn from this generator.</source>
            <translation>Thay dữ liệu bằng các giá trị rút từ bộ sinh này.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Distribution</source>
            <translation>Phân phối</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Parameters</source>
            <translation>Tham số</translation>
        </message>
        <message>
            <location line="+9" />
            <location line="+13" />
            <source>File</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <location line="-11" />
            <location line="+221" />
            <source>none</source>
            <translation>không có</translation>
        </message>
        <message>
            <location line="-218" />
            <source>&amp;Open tensor file…</source>
            <translation>&amp;Mở tệp tensor…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Load a tensor from a NumPy (.npy, .npz), safetensors (a file, a sharded set's index or a folder), GGUF, PyTorch, ONNX or TF.js file, or a CSV/text file (or drop one on the window).</source>
            <translation>Nạp một tensor từ tệp NumPy (.npy, .npz), safetensors (một tệp, tệp index của bộ nhiều phần hoặc một thư mục), GGUF, PyTorch, ONNX hoặc TF.js, hoặc tệp CSV/văn bản (hoặc thả tệp vào cửa sổ).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Which tensor of the file to quantize: type any part of a name to search.</source>
            <translation>Tensor nào của tệp sẽ được lượng tử hóa: gõ một phần bất kỳ của tên để tìm.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Tensor</source>
            <translation>Tensor</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Choose tensor</source>
            <translation>Chọn tensor</translation>
        </message>
        <message>
            <location line="+3" />
            <location line="+92" />
            <source>Paste values</source>
            <translation>Dán giá trị</translation>
        </message>
        <message>
            <location line="-87" />
            <source>Numbers separated by commas, spaces or new lines; rows of a table become a matrix.</source>
            <translation>Các số cách nhau bằng dấu phẩy, dấu cách hoặc xuống dòng; các hàng của bảng thành một ma trận.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Use pasted values</source>
            <translation>&amp;Dùng giá trị đã dán</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Quantize exactly these numbers (e.g. the worked example of the slides).</source>
            <translation>Lượng tử hóa đúng những số này (ví dụ bài mẫu trong slide).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>C&amp;lear</source>
            <translation>&amp;Xóa</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Empty the box to type or paste other values (the data stays until you use them).</source>
            <translation>Làm trống ô để gõ hoặc dán giá trị khác (dữ liệu hiện tại giữ nguyên cho đến khi bạn dùng giá trị mới).</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Reading or generating the data on a worker thread; the current data stays until it is ready.</source>
            <translation>Đang đọc hoặc sinh dữ liệu trên một luồng phụ; dữ liệu hiện tại được giữ cho đến khi dữ liệu mới sẵn sàng.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Stop loading: the data, settings and undo history stay as they were.</source>
            <translation>Dừng tải: dữ liệu, thiết lập và lịch sử hoàn tác giữ nguyên như cũ.</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Generate %1</source>
            <translation>Sinh %1</translation>
        </message>
        <message>
            <location line="+34" />
            <source>A long text (%1 characters): only its start is shown, all of it is used.</source>
            <translation>Một đoạn văn bản dài (%1 ký tự): chỉ hiện phần đầu, nhưng toàn bộ được dùng.</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Open tensor</source>
            <translation>Mở tensor</translation>
        </message>
        <message>
            <location line="+23" />
            <location line="+10" />
            <source>Open %1</source>
            <translation>Mở %1</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Loading %1 on a worker thread; the current data stays until it is ready.</source>
            <translation>Đang tải %1 trên một luồng phụ; dữ liệu hiện tại được giữ cho đến khi dữ liệu mới sẵn sàng.</translation>
        </message>
        <message>
            <location line="+42" />
            <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;shape %2 · %3 values&lt;br&gt;min %4 · max %5&lt;br&gt;mean %6 · std %7%8</source>
            <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;shape %2 · %3 giá trị&lt;br&gt;min %4 · max %5&lt;br&gt;trung bình %6 · độ lệch chuẩn %7%8</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&lt;br&gt;%1 NaN/Inf (passed through)</source>
            <translation>&lt;br&gt;%1 NaN/Inf (giữ nguyên)</translation>
        </message>
    </context>
    <context>
        <name>qs::DoubleRoundingPanel</name>
        <message>
            <location filename="../../ui/bitlab/doubleroundingpanel.cpp" line="+26" />
            <source>The format the value passes through first.</source>
            <translation>Định dạng mà giá trị đi qua trước.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The final, narrow format.</source>
            <translation>Định dạng cuối, hẹp.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The number to convert; it is first stored in FP32. Press Return to convert.</source>
            <translation>Số cần chuyển; trước hết nó được lưu trong FP32. Nhấn Enter để chuyển.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Find a value where they differ</source>
            <translation>Tìm giá trị cho kết quả khác nhau</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Search upward from the entered value for an FP32 number whose two paths give different results.</source>
            <translation>Tìm dần lên từ giá trị đã nhập một số FP32 mà hai đường chuyển cho kết quả khác nhau.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>FP32 →</source>
            <translation>FP32 →</translation>
        </message>
        <message>
            <location line="+2" />
            <source>→</source>
            <translation>→</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Value:</source>
            <translation>Giá trị:</translation>
        </message>
        <message>
            <location line="+16" />
            <source>The value in FP32, the starting point of both paths.</source>
            <translation>Giá trị trong FP32, điểm xuất phát của cả hai đường.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>After the first rounding, into the intermediate format.</source>
            <translation>Sau lần làm tròn thứ nhất, vào định dạng trung gian.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The intermediate value rounded again into the target format.</source>
            <translation>Giá trị trung gian được làm tròn lần nữa vào định dạng đích.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>FP32 rounded once, directly into the target format.</source>
            <translation>FP32 làm tròn một lần, thẳng vào định dạng đích.</translation>
        </message>
        <message>
            <location line="+51" />
            <source>No FP32 value in this range rounds differently on the two paths.</source>
            <translation>Trong khoảng này không có giá trị FP32 nào làm tròn khác nhau trên hai đường.</translation>
        </message>
        <message>
            <location line="+34" />
            <source>x in FP32</source>
            <translation>x trong FP32</translation>
        </message>
        <message>
            <location line="+1" />
            <source>→ %1</source>
            <translation>→ %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>→ %1 → %2</source>
            <translation>→ %1 → %2</translation>
        </message>
        <message>
            <location line="+1" />
            <source>→ %1 directly</source>
            <translation>→ %1 trực tiếp</translation>
        </message>
        <message>
            <location line="+6" />
            <source> &lt;b style='color:#D55E00'&gt;≠ direct&lt;/b&gt;</source>
            <translation> &lt;b style='color:#D55E00'&gt;≠ trực tiếp&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+5" />
            <source>For this value both paths agree: %1. Press &lt;i&gt;Find a value where they differ&lt;/i&gt;.</source>
            <translation>Với giá trị này hai đường cho cùng kết quả: %1. Nhấn &lt;i&gt;Tìm giá trị cho kết quả khác nhau&lt;/i&gt;.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&lt;p&gt;%1 lies between the %2 values %3 and %4, whose midpoint is %5. It is %6 the midpoint, so rounding it &lt;b&gt;once&lt;/b&gt; gives &lt;b&gt;%7&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Rounding to %8 first lands &lt;b&gt;exactly on the midpoint&lt;/b&gt; %9: %8 keeps more mantissa bits than %2, and the small distance to the midpoint is lost. That tie then goes to the neighbour with an even mantissa, &lt;b&gt;%10&lt;/b&gt;. Two correct roundings, one wrong result: convert directly, or round the first step to odd.&lt;/p&gt;</source>
            <translation>&lt;p&gt;%1 nằm giữa hai giá trị %2 là %3 và %4, có trung điểm %5. Nó nằm %6 trung điểm, nên làm tròn &lt;b&gt;một lần&lt;/b&gt; cho &lt;b&gt;%7&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Làm tròn sang %8 trước thì rơi &lt;b&gt;đúng vào trung điểm&lt;/b&gt; %9: %8 giữ nhiều bit định trị hơn %2, và khoảng cách nhỏ tới trung điểm bị mất. Trường hợp hòa đó sau đó đi về láng giềng có định trị chẵn, &lt;b&gt;%10&lt;/b&gt;. Hai lần làm tròn đúng, một kết quả sai: hãy chuyển trực tiếp, hoặc ở bước đầu làm tròn về lẻ (round to odd).&lt;/p&gt;</translation>
        </message>
        <message>
            <location line="+6" />
            <source>just above</source>
            <translation>ngay trên</translation>
        </message>
        <message>
            <location line="+0" />
            <source>just below</source>
            <translation>ngay dưới</translation>
        </message>
    </context>
    <context>
        <name>qs::Engine</name>
        <message>
            <location filename="../../ui/session/engine.cpp" line="+141" />
            <source>out of memory</source>
            <translation>hết bộ nhớ</translation>
        </message>
        <message>
            <location line="+2" />
            <source>internal error: %1</source>
            <translation>lỗi nội bộ: %1</translation>
        </message>
    </context>
    <context>
        <name>qs::ExplorerView</name>
        <message>
            <location filename="../../ui/explorer/explorerlive.cpp" line="+101" />
            <source>preview: %1 of %2 values, exact result follows</source>
            <translation>xem trước: %1 trên %2 giá trị, kết quả chính xác sẽ có ngay sau</translation>
        </message>
        <message>
            <location filename="../../ui/explorer/explorerview.cpp" line="+117" />
            <source>&amp;Log y</source>
            <translation>&amp;Log y</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Logarithmic count axis: makes the few outliers and empty levels visible.</source>
            <translation>Trục số lượng theo thang log: làm lộ ra vài giá trị ngoại lai và các mức trống.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Pin as reference</source>
            <translation>&amp;Ghim làm tham chiếu</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Keep this result as reference A: it stays on the plots in grey and metrics show the change.</source>
            <translation>Giữ kết quả này làm tham chiếu A: nó ở lại trên đồ thị với màu xám và các chỉ số hiện mức thay đổi.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Computing on a worker thread; the window stays responsive.</source>
            <translation>Đang tính trên luồng phụ; cửa sổ vẫn phản hồi bình thường.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Stop the running computation and keep the last result.</source>
            <translation>Dừng phép tính đang chạy và giữ kết quả gần nhất.</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Cancelled: the plots keep the last finished result.</source>
            <translation>Đã hủy: đồ thị giữ kết quả hoàn tất gần nhất.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>While you edit, large data is first drawn from an evenly spread subsample; the exact result replaces it.</source>
            <translation>Trong lúc bạn chỉnh sửa, dữ liệu lớn được vẽ trước từ một mẫu con trải đều; kết quả chính xác sẽ thay thế nó.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Log y</source>
            <translation>Log y</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Linear y</source>
            <translation>y tuyến tính</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Each row quantizes the same data; the first row is the current settings.</source>
            <translation>Mỗi hàng lượng tử hóa cùng một dữ liệu; hàng đầu tiên là thiết lập hiện tại.</translation>
        </message>
        <message>
            <location line="+45" />
            <source>Hover over a plot to inspect a value, a bin or a channel.</source>
            <translation>Di chuột lên biểu đồ để xem một giá trị, một ô tần suất hoặc một kênh.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>What happens to the value under the mouse: its code, dequantized value, error and bits.</source>
            <translation>Điều gì xảy ra với giá trị dưới con trỏ chuột: mã, giá trị giải lượng tử, sai số và các bit của nó.</translation>
        </message>
        <message>
            <location line="+44" />
            <source>Scale, zero point, clip range and error metrics of the current result; hover a name for its meaning.</source>
            <translation>Scale, zero-point, khoảng cắt và các chỉ số sai số của kết quả hiện tại; rê chuột lên tên để xem ý nghĩa.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Quantizer</source>
            <translation>Bộ lượng tử hóa</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../../ui/settings/externaltexts.cpp" line="-48" />
            <source>Calibration</source>
            <translation>Hiệu chỉnh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Data</source>
            <translation>Dữ liệu</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Metrics</source>
            <translation>Chỉ số</translation>
        </message>
        <message>
            <location line="+95" />
            <source>Preview estimate from a subsample; exact values follow.</source>
            <translation>Ước lượng xem trước từ một mẫu con; giá trị chính xác sẽ có ngay sau.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>quantizer</source>
            <translation>bộ lượng tử hóa</translation>
        </message>
        <message>
            <location line="+0" />
            <source>MSE</source>
            <translation>MSE</translation>
        </message>
        <message>
            <location line="+0" />
            <source>SQNR (dB)</source>
            <translation>SQNR (dB)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>max |error|</source>
            <translation>max |sai số|</translation>
        </message>
        <message>
            <location line="+0" />
            <source>bits/value</source>
            <translation>bit/giá trị</translation>
        </message>
        <message>
            <location line="+9" />
            <source>%1 (current)</source>
            <translation>%1 (hiện tại)</translation>
        </message>
        <message>
            <location line="+45" />
            <source>Drag clip range</source>
            <translation>Kéo khoảng cắt</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Select channel %1</source>
            <translation>Chọn kênh %1</translation>
        </message>
        <message>
            <location filename="../../ui/explorer/explorerexport.cpp" line="+28" />
            <location line="+29" />
            <location line="+13" />
            <source>no result yet</source>
            <translation>chưa có kết quả</translation>
        </message>
        <message>
            <location filename="../../ui/settings/externaltexts.cpp" line="-6" />
            <source>Histogram</source>
            <translation>Histogram</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Original and dequantized values; drag the red lines to clip by hand.</source>
            <translation>Giá trị gốc và giá trị giải lượng tử; kéo các đường đỏ để cắt bằng tay.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Error</source>
            <translation>Sai số</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The quantization error x̂ − x: its histogram and how it depends on x.</source>
            <translation>Sai số lượng tử hóa x̂ − x: histogram của nó và nó phụ thuộc vào x thế nào.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Transfer</source>
            <translation>Hàm truyền</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The staircase x → x̂ of the grid, with the clip range.</source>
            <translation>Bậc thang x → x̂ của lưới, cùng khoảng cắt.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>What the calibration method optimised, and where the other methods would clip.</source>
            <translation>Phương pháp hiệu chỉnh đã tối ưu điều gì, và các phương pháp khác sẽ cắt ở đâu.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Channels</source>
            <translation>Kênh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ranges of each channel or block as boxes, with its scale; click a box to see its values.</source>
            <translation>Khoảng giá trị của từng kênh hoặc khối dưới dạng hộp, kèm scale; bấm vào một hộp để xem các giá trị của nó.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Compare</source>
            <translation>So sánh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Several quantizers on the same data: error, SQNR and storage cost side by side.</source>
            <translation>Nhiều bộ lượng tử hóa trên cùng dữ liệu: sai số, SQNR và chi phí lưu trữ đặt cạnh nhau.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Sweep</source>
            <translation>Quét bit</translation>
        </message>
        <message>
            <location line="+1" />
            <source>SQNR against bit width with the 6.02 dB per bit rule of uniform quantization.</source>
            <translation>SQNR theo độ rộng bit, với quy tắc 6,02 dB mỗi bit của lượng tử hóa đều.</translation>
        </message>
        <message>
            <location filename="../../ui/explorer/explorerinspect.cpp" line="+30" />
            <source>error x̂ − x</source>
            <translation>sai số x̂ − x</translation>
        </message>
        <message>
            <location line="+10" />
            <source>x</source>
            <translation>x</translation>
        </message>
        <message>
            <location line="+13" />
            <source>%1 %2</source>
            <translation>%1 %2</translation>
        </message>
    </context>
    <context>
        <name>qs::FileFilters</name>
        <message>
            <location filename="../../ui/common/filefilters.h" line="+14" />
            <source>Sessions, tensors and models (%1)</source>
            <translation>Phiên, tensor và mô hình (%1)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Tensors and models (%1)</source>
            <translation>Tensor và mô hình (%1)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Text numbers (%1)</source>
            <translation>Số dạng văn bản (%1)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>All files (*)</source>
            <translation>Mọi tệp (*)</translation>
        </message>
    </context>
    <context>
        <name>qs::FormatDesigner</name>
        <message>
            <location filename="../../ui/bitlab/formatdesigner.cpp" line="+47" />
            <source>Presets</source>
            <translation>Mẫu có sẵn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Load a standard format: IEEE FP64/FP32/FP16, BF16, TF32, the OCP FP8/FP6/FP4 formats, the E8M0 scale, fixed point or integers.</source>
            <translation>Nạp một định dạng chuẩn: IEEE FP64/FP32/FP16, BF16, TF32, các định dạng OCP FP8/FP6/FP4, scale E8M0, dấu phẩy tĩnh hoặc số nguyên.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1  (%2 bits)</source>
            <translation>%1  (%2 bit)</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Floating point</source>
            <translation>Dấu phẩy động</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Fixed point</source>
            <translation>Dấu phẩy tĩnh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Integer</source>
            <translation>Số nguyên</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Floating point spends bits on an exponent (range); fixed point and integers have evenly spaced values (uniform resolution).</source>
            <translation>Dấu phẩy động dành bit cho số mũ (phạm vi); dấu phẩy tĩnh và số nguyên có các giá trị cách đều (độ phân giải đồng đều).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Exponent bits E: more bits give a wider range of magnitudes.</source>
            <translation>Số bit mũ E: càng nhiều bit thì dải độ lớn càng rộng.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Mantissa bits M: more bits give finer steps (precision) within each power of two.</source>
            <translation>Số bit định trị M: càng nhiều bit thì bước càng mịn (độ chính xác) trong mỗi lũy thừa của 2.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Bias: the stored exponent minus the bias is the power of two; it shifts the whole range up or down.</source>
            <translation>Bias: số mũ lưu trừ bias là số mũ của 2; nó dịch cả phạm vi lên hoặc xuống.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Subnormals</source>
            <translation>Subnormal</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Subnormals use the all-zero exponent for 0.M × 2^(1−bias), filling the gap between zero and the smallest normal number evenly.</source>
            <translation>Số dưới chuẩn (subnormal) dùng số mũ toàn bit 0 cho 0.M × 2^(1−bias), lấp đều khoảng trống giữa 0 và số chuẩn nhỏ nhất.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Has zero</source>
            <translation>Có số 0</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Off: the all-zeros exponent is an ordinary power of two and the format has no zero, like the E8M0 scale of the MX formats.</source>
            <translation>Tắt: số mũ toàn bit 0 là một lũy thừa của 2 bình thường và định dạng không có số 0, giống scale E8M0 của các định dạng MX.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>ieee: Inf and NaNs</source>
            <translation>ieee: Inf và các NaN</translation>
        </message>
        <message>
            <location line="+1" />
            <source>fn: NaN only at all ones</source>
            <translation>fn: chỉ có NaN khi toàn bit 1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>fnuz: one NaN, no −0</source>
            <translation>fnuz: một NaN, không có −0</translation>
        </message>
        <message>
            <location line="+1" />
            <source>finite: no Inf/NaN</source>
            <translation>finite: không Inf/NaN</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Which codes are Inf/NaN: IEEE reserves the top exponent; OCP FP8 E4M3 (fn) keeps only S.1111.111 as NaN; fnuz has one NaN at 1000…0; MX FP6/FP4 have none.</source>
            <translation>Mã nào là Inf/NaN: IEEE dành riêng số mũ cao nhất; OCP FP8 E4M3 (fn) chỉ giữ S.1111.111 làm NaN; fnuz có một NaN tại 1000…0; MX FP6/FP4 không có.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Signed</source>
            <translation>Có dấu</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A sign bit doubles the codes to cover negative numbers; unsigned formats (E8M0, uint8) spend it on magnitude.</source>
            <translation>Bit dấu nhân đôi số mã để phủ cả số âm; định dạng không dấu (E8M0, uint8) dùng bit đó cho độ lớn.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Saturate</source>
            <translation>Bão hòa</translation>
        </message>
        <message>
            <location line="+2" />
            <source>On overflow, clamp to ±max instead of producing Inf/NaN (what FP8 casts in quantizers do).</source>
            <translation>Khi tràn số, kẹp về ±max thay vì ra Inf/NaN (như phép ép kiểu FP8 trong các bộ lượng tử hóa).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Integer bits I: the largest magnitude is about 2^I.</source>
            <translation>Số bit phần nguyên I: độ lớn tối đa khoảng 2^I.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Fraction bits F: every step is 2^−F, the same everywhere.</source>
            <translation>Số bit phần phân số F: mọi bước đều bằng 2^−F, như nhau ở mọi nơi.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Exponent</source>
            <translation>Số &amp;mũ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Mantissa</source>
            <translation>Định &amp;trị</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Bias</source>
            <translation>&amp;Bias</translation>
        </message>
        <message>
            <location line="+1" />
            <source>S&amp;pecial</source>
            <translation>Đặc &amp;biệt</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+179" />
            <source>&amp;Integer bits</source>
            <translation>Bit phần &amp;nguyên</translation>
        </message>
        <message>
            <location line="-178" />
            <source>&amp;Fraction bits</source>
            <translation>Bit phần &amp;phân số</translation>
        </message>
        <message>
            <location line="+178" />
            <source>&amp;Bits</source>
            <translation>&amp;Bit</translation>
        </message>
    </context>
    <context>
        <name>qs::FormatProperties</name>
        <message>
            <location filename="../../ui/bitlab/formatproperties.cpp" line="+16" />
            <source>Properties computed from the bit layout: the largest finite value, the smallest normal and subnormal values, the step after 1 (epsilon) and how many codes are numbers.</source>
            <translation>Các thuộc tính tính từ bố cục bit: giá trị hữu hạn lớn nhất, giá trị chuẩn và dưới chuẩn nhỏ nhất, bước sau số 1 (epsilon) và bao nhiêu mã là số.</translation>
        </message>
    </context>
    <context>
        <name>qs::FormatTableModel</name>
        <message>
            <location filename="../../ui/mainwindow/formattablemodel.cpp" line="+55" />
            <source>Format</source>
            <translation>Định dạng</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Bits</source>
            <translation>Bit</translation>
        </message>
        <message>
            <location line="+0" />
            <source>E</source>
            <translation>E</translation>
        </message>
        <message>
            <location line="+0" />
            <source>M</source>
            <translation>M</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Bias</source>
            <translation>Bias</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Max finite</source>
            <translation>Hữu hạn lớn nhất</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Min normal</source>
            <translation>Chuẩn nhỏ nhất</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Min subnormal</source>
            <translation>Subnormal nhỏ nhất</translation>
        </message>
        <message>
            <location line="+0" />
            <source>ε</source>
            <translation>ε</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Decimal digits</source>
            <translation>Chữ số thập phân</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Finite values</source>
            <translation>Giá trị hữu hạn</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Special values</source>
            <translation>Giá trị đặc biệt</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The format's name</source>
            <translation>Tên định dạng</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Total width of a code: sign + exponent + mantissa bits</source>
            <translation>Tổng độ rộng của một mã: bit dấu + số mũ + định trị</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Exponent bits: they set the range (how large and how small)</source>
            <translation>Bit số mũ: quyết định phạm vi (lớn tới đâu, nhỏ tới đâu)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Mantissa (fraction) bits: they set the precision (how finely spaced)</source>
            <translation>Bit định trị (phần phân số): quyết định độ chính xác (các giá trị sát nhau tới đâu)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The exponent bias: stored exponent − bias = the power of two</source>
            <translation>Bias của số mũ: số mũ lưu − bias = số mũ của 2</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The largest finite value; larger inputs overflow</source>
            <translation>Giá trị hữu hạn lớn nhất; đầu vào lớn hơn sẽ tràn số</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The smallest positive normal value 2^(1 − bias)</source>
            <translation>Giá trị chuẩn dương nhỏ nhất 2^(1 − bias)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The smallest positive subnormal value 2^(1 − bias − M); below it values underflow to 0</source>
            <translation>Giá trị dưới chuẩn dương nhỏ nhất 2^(1 − bias − M); nhỏ hơn nữa thì tràn dưới về 0</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Machine epsilon 2^−M: the gap between 1 and the next representable value</source>
            <translation>Epsilon máy 2^−M: khoảng cách giữa 1 và giá trị biểu diễn được kế tiếp</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Decimal digits of precision, log10(2^(M+1))</source>
            <translation>Số chữ số thập phân chính xác, log10(2^(M+1))</translation>
        </message>
        <message>
            <location line="+1" />
            <source>How many codes are finite numbers (±0 counted separately)</source>
            <translation>Bao nhiêu mã là số hữu hạn (±0 đếm riêng)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Which codes are reserved for infinity and not-a-number</source>
            <translation>Những mã nào dành cho vô cực và NaN</translation>
        </message>
    </context>
    <context>
        <name>qs::GlossaryDialog</name>
        <message>
            <location filename="../../ui/help/helpwindow.cpp" line="+33" />
            <source>See also:</source>
            <translation>Xem thêm:</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Glossary</source>
            <translation>Thuật ngữ</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Search the glossary (SQNR, zero point, fnuz …)</source>
            <translation>Tìm trong bảng thuật ngữ (SQNR, điểm không, fnuz …)</translation>
        </message>
        <message>
            <location line="+89" />
            <source>F1 opens the glossary.</source>
            <translation>F1 mở bảng thuật ngữ.</translation>
        </message>
        <message>
            <location line="+26" />
            <source>User guide</source>
            <translation>Hướng dẫn sử dụng</translation>
        </message>
        <message>
            <location line="+21" />
            <source>&amp;Glossary</source>
            <translation>&amp;Thuật ngữ</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The course's jargon explained; F1 opens the entry of the focused control</source>
            <translation>Giải thích thuật ngữ của khoá học; F1 mở mục của điều khiển đang có tiêu điểm</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;User guide</source>
            <translation>&amp;Hướng dẫn sử dụng</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;What's This?</source>
            <translation>Đây &amp;là gì?</translation>
        </message>
    </context>
    <context>
        <name>qs::IntLayerPage</name>
        <message>
            <location filename="../../ui/modellab/intlayerpage.cpp" line="+50" />
            <source>Layer 0: pixels → hidden units (ReLU fused); layer 1: hidden units → 10 logits.</source>
            <translation>Lớp 0: pixel → nơ-ron ẩn (gộp ReLU); lớp 1: nơ-ron ẩn → 10 logit.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>How many test images go through the layer (the rows of the input).</source>
            <translation>Số ảnh kiểm tra đi qua lớp (các hàng của đầu vào).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Bit width of inputs, weights and outputs (8: uint8/int8, as gemmlowp).</source>
            <translation>Độ rộng bit của đầu vào, trọng số và đầu ra (8: uint8/int8, như gemmlowp).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Per-channel weights</source>
            <translation>Trọng số theo kênh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>One weight scale, and so one multiplier M0·2^-n, per output channel.</source>
            <translation>Mỗi kênh đầu ra có một scale trọng số, do đó một hệ số nhân M0·2^-n.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Signed (int8) inputs</source>
            <translation>Đầu vào có dấu (int8)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>int8 inputs with a zero point instead of uint8.</source>
            <translation>Đầu vào int8 có zero-point thay cho uint8.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Asymmetric weights</source>
            <translation>Trọng số bất đối xứng</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Weights with a zero point Z_w ≠ 0 (TFLite uses symmetric int8, Z_w = 0).</source>
            <translation>Trọng số có zero-point Z_w ≠ 0 (TFLite dùng int8 đối xứng, Z_w = 0).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Fused ReLU</source>
            <translation>Gộp ReLU</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The output clamp starts at Z_y, the code of real 0: the ReLU costs nothing.</source>
            <translation>Phép kẹp đầu ra bắt đầu tại Z_y, mã của số 0 thực: ReLU không tốn gì.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Inputs</source>
            <translation>Đầu vào</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Weights</source>
            <translation>Trọng số</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Outputs</source>
            <translation>Đầu ra</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Which matrix the four heat maps show.</source>
            <translation>Ma trận nào được bốn bản đồ nhiệt hiển thị.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Run integer layer</source>
            <translation>Chạy lớp số nguyên</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Runs the layer with integers only and with fake quantization in float, and compares.</source>
            <translation>Chạy lớp chỉ với số nguyên và với fake quantization trên float, rồi so sánh.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Layer:</source>
            <translation>Lớp:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Images:</source>
            <translation>Số ảnh:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Bits:</source>
            <translation>Số bit:</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Heat maps of:</source>
            <translation>Bản đồ nhiệt của:</translation>
        </message>
        <message>
            <location line="+34" />
            <source>column (input or output unit)</source>
            <translation>cột (đơn vị đầu vào hoặc đầu ra)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>row (image or output unit)</source>
            <translation>hàng (ảnh hoặc đơn vị đầu ra)</translation>
        </message>
        <message>
            <location line="+43" />
            <source>Train the network first (Train page).</source>
            <translation>Hãy huấn luyện mạng trước (trang Huấn luyện).</translation>
        </message>
        <message>
            <location line="+17" />
            <source>&lt;b&gt;Input grid&lt;/b&gt;: S_x = %1, Z_x = %2&lt;br&gt;</source>
            <translation>&lt;b&gt;Lưới đầu vào&lt;/b&gt;: S_x = %1, Z_x = %2&lt;br&gt;</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;b&gt;Weight grid&lt;/b&gt;: S_w = %1, Z_w = %2%3&lt;br&gt;</source>
            <translation>&lt;b&gt;Lưới trọng số&lt;/b&gt;: S_w = %1, Z_w = %2%3&lt;br&gt;</translation>
        </message>
        <message>
            <location line="+3" />
            <source> (channel 0 of %1)</source>
            <translation> (kênh 0 trong %1)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&lt;b&gt;Output grid&lt;/b&gt;: S_y = %1, Z_y = %2&lt;br&gt;</source>
            <translation>&lt;b&gt;Lưới đầu ra&lt;/b&gt;: S_y = %1, Z_y = %2&lt;br&gt;</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;b&gt;Multiplier&lt;/b&gt; M = S_x·S_w / S_y = %1 = M0 · 2^-31 · 2^-%2 with M0 = %3 (%4)&lt;br&gt;</source>
            <translation>&lt;b&gt;Hệ số nhân&lt;/b&gt; M = S_x·S_w / S_y = %1 = M0 · 2^-31 · 2^-%2 với M0 = %3 (%4)&lt;br&gt;</translation>
        </message>
        <message>
            <location line="+4" />
            <source>channel 0</source>
            <translation>kênh 0</translation>
        </message>
        <message>
            <location line="+0" />
            <source>whole tensor</source>
            <translation>cả tensor</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;b&gt;Accumulator&lt;/b&gt;: largest |acc| = %1, needs %2 of the 31 magnitude bits of int32; %3&lt;br&gt;</source>
            <translation>&lt;b&gt;Bộ tích lũy&lt;/b&gt;: |acc| lớn nhất = %1, cần %2 trong 31 bit độ lớn của int32; %3&lt;br&gt;</translation>
        </message>
        <message>
            <location line="+3" />
            <source>it overflowed and was saturated.</source>
            <translation>nó đã tràn và bị bão hòa.</translation>
        </message>
        <message>
            <location line="+0" />
            <source>no overflow.</source>
            <translation>không tràn.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;b&gt;Integer vs fake quant&lt;/b&gt;: max difference %1 output step(s), %2 of %3 outputs differ&lt;br&gt;</source>
            <translation>&lt;b&gt;Số nguyên so với fake quant&lt;/b&gt;: chênh lệch lớn nhất %1 bước đầu ra, %2 trên %3 đầu ra khác nhau&lt;br&gt;</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&lt;b&gt;Error vs float&lt;/b&gt;: integer %1, fake quant %2 (max |error|)</source>
            <translation>&lt;b&gt;Sai số so với float&lt;/b&gt;: số nguyên %1, fake quant %2 (max |sai số|)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Integer layer: max difference vs fake quant %1 step(s)</source>
            <translation>Lớp số nguyên: chênh lệch lớn nhất so với fake quant %1 bước</translation>
        </message>
        <message>
            <location line="+28" />
            <source>original (float)</source>
            <translation>gốc (float)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>quantized (integer codes)</source>
            <translation>đã lượng tử hóa (mã số nguyên)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>dequantized S(q − Z)</source>
            <translation>giải lượng tử S(q − Z)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>|error| = |dequantized − original|</source>
            <translation>|sai số| = |giải lượng tử − gốc|</translation>
        </message>
    </context>
    <context>
        <name>qs::JobBar</name>
        <message>
            <location filename="../../ui/modellab/jobbar.cpp" line="+17" />
            <source>Idle</source>
            <translation>Rảnh</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Stops the running computation; the results shown stay as they were.</source>
            <translation>Dừng phép tính đang chạy; kết quả đang hiển thị được giữ nguyên.</translation>
        </message>
        <message>
            <location line="+63" />
            <source>Cancelled</source>
            <translation>Đã hủy</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Done</source>
            <translation>Xong</translation>
        </message>
    </context>
    <context>
        <name>qs::KQuantPanel</name>
        <message>
            <location filename="../../ui/bitlab/kquantpanel.cpp" line="+137" />
            <source>The llama.cpp format: the K-quants store super-blocks of 256 values with quantized sub-block scales; the others blocks of 32 with one fp16 scale.</source>
            <translation>Định dạng llama.cpp: các K-quant lưu siêu khối 256 giá trị với hệ số tỉ lệ khối con đã lượng tử hóa; các định dạng khác lưu khối 32 với một hệ số tỉ lệ fp16.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The row of the tensor: llama.cpp quantizes a tensor row by row.</source>
            <translation>Hàng của tensor: llama.cpp lượng tử hóa tensor theo từng hàng.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The block of the row (or click it in the strip below).</source>
            <translation>Khối của hàng (hoặc nhấp vào nó trong dải bên dưới).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Load file…</source>
            <translation>Tải tệp…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Take the blocks from a tensor of any file the Explorer opens (a GGUF, a checkpoint, .npy, text…).</source>
            <translation>Lấy các khối từ một tensor của bất kỳ tệp nào Explorer mở được (GGUF, checkpoint, .npy, văn bản…).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Random</source>
            <translation>Ngẫu nhiên</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Four rows of 1024 normal values with rare outliers.</source>
            <translation>Bốn hàng gồm 1024 giá trị phân phối chuẩn với vài giá trị ngoại lai hiếm.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Format:</source>
            <translation>Định dạng:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Row:</source>
            <translation>Hàng:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Block:</source>
            <translation>Khối:</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Every block of the row, coloured by its relative error √(Σ(x̂−x)²/Σx²): blue the row's smallest, vermilion its largest. Click a block to take it apart.</source>
            <translation>Mọi khối của hàng, tô màu theo sai số tương đối √(Σ(x̂−x)²/Σx²): xanh là nhỏ nhất của hàng, đỏ son là lớn nhất. Nhấp vào một khối để tách nó ra.</translation>
        </message>
        <message>
            <location line="+17" />
            <location line="+7" />
            <location line="+178" />
            <source>sub-block</source>
            <translation>khối con</translation>
        </message>
        <message>
            <location line="-185" />
            <location line="+185" />
            <source>values</source>
            <translation>giá trị</translation>
        </message>
        <message>
            <location line="-185" />
            <location line="+185" />
            <source>scale code</source>
            <translation>mã hệ số tỉ lệ</translation>
        </message>
        <message>
            <location line="-185" />
            <source>scale</source>
            <translation>hệ số tỉ lệ</translation>
        </message>
        <message>
            <location line="+0" />
            <location line="+185" />
            <source>min code</source>
            <translation>mã giá trị nhỏ nhất</translation>
        </message>
        <message>
            <location line="-185" />
            <location line="+183" />
            <source>min</source>
            <translation>nhỏ nhất</translation>
        </message>
        <message>
            <location line="-183" />
            <location line="+185" />
            <source>grid</source>
            <translation>lưới</translation>
        </message>
        <message>
            <location line="-184" />
            <source>Each sub-block's stored scale (and min) code and what it multiplies to with d (and dmin), as llama.cpp's dequantizer computes it.</source>
            <translation>Mã hệ số tỉ lệ (và giá trị nhỏ nhất) được lưu của mỗi khối con và tích của nó với d (và dmin), như bộ giải lượng tử hóa của llama.cpp tính.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <location line="+0" />
            <source>x</source>
            <translation>x</translation>
        </message>
        <message>
            <location line="+0" />
            <source>code q</source>
            <translation>mã q</translation>
        </message>
        <message>
            <location line="+0" />
            <source>dequantized</source>
            <translation>giải lượng tử</translation>
        </message>
        <message>
            <location line="+0" />
            <source>error</source>
            <translation>sai số</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Every value of the block: the input, its code, the reconstruction and the error.</source>
            <translation>Mọi giá trị của khối: đầu vào, mã của nó, giá trị khôi phục và sai số.</translation>
        </message>
        <message>
            <location line="+67" />
            <source>Data: %1 — %2 row(s) of %3 values</source>
            <translation>Dữ liệu: %1 — %2 hàng, mỗi hàng %3 giá trị</translation>
        </message>
        <message>
            <location line="+31" />
            <source>A row of %1 values holds no whole %2 block of %3.</source>
            <translation>Một hàng %1 giá trị không chứa trọn khối %2 nào gồm %3 giá trị.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The last %1 values of each row do not fill a %2 block of %3: llama.cpp refuses such a tensor; the whole blocks are shown.</source>
            <translation>%1 giá trị cuối của mỗi hàng không lấp đầy một khối %2 gồm %3 giá trị: llama.cpp từ chối tensor như vậy; chỉ các khối trọn vẹn được hiển thị.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>The strip shows the first %1 of the row's %2 blocks.</source>
            <translation>Dải hiển thị %1 khối đầu tiên trong %2 khối của hàng.</translation>
        </message>
        <message>
            <location line="+33" />
            <source>&lt;b&gt;%1 block %2&lt;/b&gt; of row %3 (values %4–%5 of the row): %6 bytes, %7 bits per value.&lt;br&gt;</source>
            <translation>&lt;b&gt;%1 khối %2&lt;/b&gt; của hàng %3 (giá trị %4–%5 của hàng): %6 byte, %7 bit trên mỗi giá trị.&lt;br&gt;</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&lt;b&gt;d = %1&lt;/b&gt; (fp16 %2)</source>
            <translation>&lt;b&gt;d = %1&lt;/b&gt; (fp16 %2)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>, &lt;b&gt;%1 = %2&lt;/b&gt; (fp16 %3)</source>
            <translation>, &lt;b&gt;%1 = %2&lt;/b&gt; (fp16 %3)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>.  &lt;b&gt;%1&lt;/b&gt;</source>
            <translation>.  &lt;b&gt;%1&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+2" />
            <source> — %1 sub-blocks of %2, each with a %3-bit scale%4.</source>
            <translation> — %1 khối con gồm %2 giá trị, mỗi khối có hệ số tỉ lệ %3 bit%4.</translation>
        </message>
        <message>
            <location line="+4" />
            <source> and a %1-bit min</source>
            <translation> và giá trị nhỏ nhất %1 bit</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;br&gt;Relative error of the block √(Σ(x̂−x)²/Σx²) = %1.</source>
            <translation>&lt;br&gt;Sai số tương đối của khối √(Σ(x̂−x)²/Σx²) = %1.</translation>
        </message>
        <message>
            <location line="+58" />
            <source>&lt;b&gt;%1&lt;/b&gt; [bytes %2–%3]: &lt;tt&gt;%4&lt;/tt&gt; — %5</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; [byte %2–%3]: &lt;tt&gt;%4&lt;/tt&gt; — %5</translation>
        </message>
        <message>
            <location line="+15" />
            <source>random normal weights (σ = 0.02) with rare outliers</source>
            <translation>trọng số chuẩn ngẫu nhiên (σ = 0.02) với vài giá trị ngoại lai hiếm</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Tensor for the block view</source>
            <translation>Tensor cho khung nhìn khối</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Tensor</source>
            <translation>Tensor</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Tensor of %1:</source>
            <translation>Tensor của %1:</translation>
        </message>
    </context>
    <context>
        <name>qs::LessonsView</name>
        <message>
            <location filename="../../ui/lessons/lessonsview.cpp" line="+29" />
            <source>Pick a lesson; each one walks through one idea of the course in a few steps</source>
            <translation>Chọn một bài học; mỗi bài đi qua một ý của khóa học trong vài bước</translation>
        </message>
        <message>
            <location line="+22" />
            <source>&lt;i&gt;Try it yourself:&lt;/i&gt; change the settings and watch what moves; &lt;b&gt;Show me&lt;/b&gt; puts the step back, Ctrl+Z undoes it.</source>
            <translation>&lt;i&gt;Tự thử nhé:&lt;/i&gt; thay đổi thiết lập và xem cái gì thay đổi; &lt;b&gt;Cho tôi xem&lt;/b&gt; đưa bước về lại như cũ, Ctrl+Z để hoàn tác.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>◀ Back</source>
            <translation>◀ Quay lại</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The previous step (Alt+Left or Page Up)</source>
            <translation>Bước trước (Alt+Trái hoặc Page Up)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next ▶</source>
            <translation>Tiếp ▶</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The next step (Alt+Right or Page Down)</source>
            <translation>Bước sau (Alt+Phải hoặc Page Down)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next lesson ▶▶</source>
            <translation>Bài tiếp theo ▶▶</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The last step is done: open the next lesson</source>
            <translation>Đã xong bước cuối: mở bài tiếp theo</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Show me</source>
            <translation>Cho tôi xem</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Put the app back into this step's state</source>
            <translation>Đưa ứng dụng về trạng thái của bước này</translation>
        </message>
        <message>
            <location line="+68" />
            <source>This step cannot be shown: %1</source>
            <translation>Không hiển thị được bước này: %1</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Pick a lesson</source>
            <translation>Chọn một bài học</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Step %1 of %2</source>
            <translation>Bước %1 / %2</translation>
        </message>
        <message>
            <location line="+15" />
            <source>— Pick a lesson —</source>
            <translation>— Chọn một bài học —</translation>
        </message>
        <message>
            <location line="+2" />
            <source>%1. %2</source>
            <translation>%1. %2</translation>
        </message>
        <message>
            <location line="+2" />
            <source>%1 guided lessons follow the course in order. Click one; each step sets up the app and says what to look at.</source>
            <translation>%1 bài học có hướng dẫn đi theo thứ tự của khóa học. Bấm vào một bài; mỗi bước tự thiết lập ứng dụng và chỉ ra chỗ cần quan sát.</translation>
        </message>
    </context>
    <context>
        <name>qs::MainWindow</name>
        <message>
            <location filename="../../ui/mainwindow/mainwindow.cpp" line="+34" />
            <source>Unsaved changes</source>
            <translation>Thay đổi chưa lưu</translation>
        </message>
        <message>
            <location line="+0" />
            <source>The session has changes that are not saved.</source>
            <translation>Phiên có những thay đổi chưa được lưu.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Save them before closing?</source>
            <translation>Lưu chúng trước khi đóng?</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Quantscope</source>
            <translation>Quantscope</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Explorer</source>
            <translation>Khám phá</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Quantize data live: histograms, error, calibration, channels, comparisons</source>
            <translation>Lượng tử hóa dữ liệu trực tiếp: histogram, sai số, hiệu chỉnh, kênh, so sánh</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Formats</source>
            <translation>Định dạng</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The preset number formats and their range and precision</source>
            <translation>Các định dạng số có sẵn cùng phạm vi và độ chính xác của chúng</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Bit Lab</source>
            <translation>Bit Lab</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Edit any number format bit by bit: exact values, rounding, range and precision</source>
            <translation>Sửa từng bit của mọi định dạng số: giá trị chính xác, làm tròn, phạm vi và độ chính xác</translation>
        </message>
        <message>
            <location line="+5" />
            <source>the explorer's data, %1</source>
            <translation>dữ liệu của Explorer, %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Model Lab</source>
            <translation>Model Lab</translation>
        </message>
        <message>
            <location line="+1" />
            <source>A small network on handwritten digits: PTQ, QAT, an integer-only layer, outliers, memory</source>
            <translation>Một mạng nhỏ trên chữ số viết tay: PTQ, QAT, lớp chỉ dùng số nguyên, ngoại lai, bộ nhớ</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Quiz</source>
            <translation>Câu đố</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Check your understanding; "Show me" sets the app up for a question</source>
            <translation>Kiểm tra mức hiểu bài; "Cho tôi xem" thiết lập ứng dụng cho từng câu hỏi</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Model</source>
            <translation>Mô hình</translation>
        </message>
        <message>
            <location line="+1" />
            <source>A whole checkpoint: every tensor under every scheme, the heat map, the Pareto front, a plan under a budget</source>
            <translation>Cả một checkpoint: mọi tensor với mọi lược đồ, bản đồ nhiệt, biên Pareto, một kế hoạch trong ngân sách</translation>
        </message>
        <message>
            <location line="+40" />
            <source>Ready</source>
            <translation>Sẵn sàng</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Lessons</source>
            <translation>Bài học</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Cannot show this: %1</source>
            <translation>Không hiển thị được: %1</translation>
        </message>
        <message>
            <location line="+216" />
            <source>&amp;File</source>
            <translation>&amp;Tệp</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Open &amp;Model…</source>
            <translation>Mở &amp;mô hình…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Measure every tensor of a checkpoint under several schemes (the Model view)</source>
            <translation>Đo mọi tensor của một checkpoint với nhiều lược đồ (khung nhìn Mô hình)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Quit</source>
            <translation>&amp;Thoát</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Edit</source>
            <translation>&amp;Sửa</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Se&amp;ttings…</source>
            <translation>&amp;Cài đặt…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;View</source>
            <translation>&amp;Xem</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Lessons</source>
            <translation>&amp;Bài học</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Guided lessons beside the views: each step sets up the app and says what to look at</source>
            <translation>Bài học có hướng dẫn đặt cạnh các khung nhìn: mỗi bước tự thiết lập ứng dụng và chỉ ra chỗ cần quan sát</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Full Screen</source>
            <translation>Toàn &amp;màn hình</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The window fills the screen; F11 again returns.</source>
            <translation>Cửa sổ chiếm toàn màn hình; nhấn F11 lần nữa để trở lại.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Plot &amp;Only</source>
            <translation>&amp;Chỉ biểu đồ</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The explorer's figure fills the window, every panel hidden; F8 again brings them back.</source>
            <translation>Biểu đồ của trình khám phá chiếm cả cửa sổ, mọi bảng điều khiển được ẩn; nhấn F8 lần nữa để hiện lại.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Help</source>
            <translation>Trợ &amp;giúp</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;About Quantscope</source>
            <translation>&amp;Giới thiệu Quantscope</translation>
        </message>
        <message>
            <location line="+1" />
            <source>About Quantscope</source>
            <translation>Giới thiệu Quantscope</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;h3&gt;Quantscope %1&lt;/h3&gt;&lt;p&gt;Teach and explore neural-network quantization: number formats bit by bit, quantizers, calibration and their errors.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Quantscope %1&lt;/h3&gt;&lt;p&gt;Dạy và khám phá lượng tử hóa mạng nơ-ron: định dạng số từng bit, bộ lượng tử hóa, hiệu chỉnh và sai số của chúng.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>qs::MemoryPage</name>
        <message>
            <location filename="../../ui/modellab/memorypage.cpp" line="+54" />
            <source>QLoRA 65B: full 16-bit fine-tuning</source>
            <translation>QLoRA 65B: tinh chỉnh toàn bộ 16 bit</translation>
        </message>
        <message>
            <location line="+1" />
            <source>QLoRA 65B: NF4 + LoRA r = 64</source>
            <translation>QLoRA 65B: NF4 + LoRA r = 64</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Fills in the parameter count and shapes of a published model.</source>
            <translation>Điền số tham số và kích thước của một mô hình đã công bố.</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+86" />
            <source> billion</source>
            <translation> tỷ</translation>
        </message>
        <message>
            <location line="-85" />
            <source>Number of parameters (weights) of the model.</source>
            <translation>Số tham số (trọng số) của mô hình.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Storage format of the weights; block formats include their scales (custom: BITS/BLOCK/SCALEBITS[/ZEROBITS]).</source>
            <translation>Định dạng lưu trọng số; định dạng khối tính cả scale của chúng (tùy chỉnh: BITS/BLOCK/SCALEBITS[/ZEROBITS]).</translation>
        </message>
        <message>
            <location line="+3" />
            <location line="+29" />
            <source>KV cache</source>
            <translation>KV cache</translation>
        </message>
        <message>
            <location line="-28" />
            <source>Keys and values of every past token, kept for each layer during generation.</source>
            <translation>Key và value của mọi token trước đó, giữ lại cho từng lớp trong lúc sinh văn bản.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Transformer layers.</source>
            <translation>Số lớp Transformer.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Key/value heads (fewer than query heads with grouped-query attention).</source>
            <translation>Số head key/value (ít hơn số head query khi dùng grouped-query attention).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Dimension of one attention head.</source>
            <translation>Số chiều của một attention head.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Tokens per sequence.</source>
            <translation>Số token mỗi chuỗi.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sequences processed at once.</source>
            <translation>Số chuỗi xử lý cùng lúc.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Storage format of the KV cache.</source>
            <translation>Định dạng lưu KV cache.</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+30" />
            <source>Training</source>
            <translation>Huấn luyện</translation>
        </message>
        <message>
            <location line="-29" />
            <source>Add gradients and optimizer states (and LoRA adapters if any).</source>
            <translation>Cộng thêm gradient và trạng thái bộ tối ưu (và LoRA adapter nếu có).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Adam keeps 2 states per trained parameter, momentum 1, SGD none.</source>
            <translation>Adam giữ 2 trạng thái cho mỗi tham số được huấn luyện, momentum 1, SGD không có.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Storage format of the gradients.</source>
            <translation>Định dạng lưu gradient.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Storage format of the optimizer states.</source>
            <translation>Định dạng lưu trạng thái bộ tối ưu.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>fp32 master weights</source>
            <translation>trọng số gốc fp32</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Mixed-precision training keeps an fp32 copy of the weights.</source>
            <translation>Huấn luyện mixed precision giữ một bản sao fp32 của trọng số.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>LoRA adapter parameters; when &gt; 0 only they train (the base weights are frozen).</source>
            <translation>Số tham số LoRA adapter; khi &gt; 0 thì chỉ chúng được huấn luyện (trọng số gốc bị đóng băng).</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+46" />
            <source>Model</source>
            <translation>Mô hình</translation>
        </message>
        <message>
            <location line="-44" />
            <source>Preset:</source>
            <translation>Mẫu có sẵn:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Parameters:</source>
            <translation>Số tham số:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Weight format:</source>
            <translation>Định dạng trọng số:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Layers:</source>
            <translation>Số lớp:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>KV heads:</source>
            <translation>Số KV head:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Head dimension:</source>
            <translation>Số chiều head:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Context (tokens):</source>
            <translation>Ngữ cảnh (token):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Batch:</source>
            <translation>Batch:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Format:</source>
            <translation>Định dạng:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Optimizer:</source>
            <translation>Bộ tối ưu:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Gradients:</source>
            <translation>Gradient:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Optimizer states:</source>
            <translation>Trạng thái bộ tối ưu:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>LoRA adapters:</source>
            <translation>LoRA adapter:</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Item</source>
            <translation>Mục</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Memory</source>
            <translation>Bộ nhớ</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Formula</source>
            <translation>Công thức</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Parameters</source>
            <translation>Tham số</translation>
        </message>
        <message>
            <location line="+0" />
            <source>FP16 weights</source>
            <translation>Trọng số FP16</translation>
        </message>
        <message>
            <location line="+17" />
            <source>The course's table: VRAM ≈ parameters × 2 bytes (FP16), 1 GB = 10⁹ bytes</source>
            <translation>Bảng của khóa học: VRAM ≈ số tham số × 2 byte (FP16), 1 GB = 10⁹ byte</translation>
        </message>
        <message>
            <location line="+138" />
            <source>Total: %1</source>
            <translation>Tổng: %1</translation>
        </message>
    </context>
    <context>
        <name>qs::ModelLabView</name>
        <message>
            <location filename="../../ui/modellab/modellabview.cpp" line="+33" />
            <source>Train</source>
            <translation>Huấn luyện</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Train the 64-32-10 network on the UCI digits.</source>
            <translation>Huấn luyện mạng 64-32-10 trên tập chữ số UCI.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>PTQ</source>
            <translation>PTQ</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Post-training quantization: quantize the trained weights and activations.</source>
            <translation>Lượng tử hóa sau huấn luyện (PTQ): lượng tử hóa trọng số và activation đã huấn luyện.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>QAT</source>
            <translation>QAT</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Quantization-aware training: fine-tune with fake quantization and the straight-through estimator.</source>
            <translation>Huấn luyện có nhận biết lượng tử hóa (QAT): tinh chỉnh với fake quantization và straight-through estimator.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Integer layer</source>
            <translation>Lớp số nguyên</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Integer-only inference of one layer: int8 × int8 → int32, requantized with M0·2^-n.</source>
            <translation>Suy luận chỉ dùng số nguyên cho một lớp: int8 × int8 → int32, lượng tử hóa lại với M0·2^-n.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Outliers</source>
            <translation>Ngoại lai</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Activation outliers: per-tensor vs per-token vs per-channel vs LLM.int8().</source>
            <translation>Activation ngoại lai: per-tensor, per-token, per-channel và LLM.int8().</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Memory</source>
            <translation>Bộ nhớ</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Memory calculator: parameters × bytes, KV cache, gradients.</source>
            <translation>Tính bộ nhớ: tham số × byte, KV cache, gradient.</translation>
        </message>
        <message>
            <location line="+80" />
            <source>the Model Lab page '%1' has no settings</source>
            <translation>trang '%1' của Model Lab không có thiết lập</translation>
        </message>
        <message>
            <location line="+3" />
            <source>unknown memory setting '%1' (preset, format)</source>
            <translation>thiết lập bộ nhớ không rõ '%1' (preset, format)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>unknown model preset '%1'</source>
            <translation>mẫu mô hình không rõ '%1'</translation>
        </message>
        <message>
            <location line="+2" />
            <source>unknown weight format '%1'</source>
            <translation>định dạng trọng số không rõ '%1'</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Training the network…</source>
            <translation>Đang huấn luyện mạng…</translation>
        </message>
    </context>
    <context>
        <name>qs::ModelView</name>
        <message>
            <location filename="../../ui/modelview/modelview.cpp" line="+47" />
            <source>Open Model…</source>
            <translation>Mở mô hình…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A checkpoint in any container the Explorer reads, or a model folder (sharded safetensors)</source>
            <translation>Một checkpoint ở bất kỳ định dạng nào Explorer đọc được, hoặc một thư mục mô hình (safetensors chia mảnh)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>No model open</source>
            <translation>Chưa mở mô hình nào</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Schemes separated by ';': a quantizer, a granularity (tensor, channel:AXIS, block:N) and NAME=VALUE options, e.g. "int4 block:32 scheme=asymmetric"</source>
            <translation>Các lược đồ cách nhau bởi ';': một bộ lượng tử hóa, một mức chi tiết (tensor, channel:TRỤC, block:N) và các tùy chọn TÊN=GIÁ_TRỊ, ví dụ "int4 block:32 scheme=asymmetric"</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Run</source>
            <translation>Chạy</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Scan the model again with these schemes</source>
            <translation>Quét lại mô hình với các lược đồ này</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export</source>
            <translation>Xuất</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Schemes:</source>
            <translation>Lược đồ:</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Filter tensors (regular expression, e.g. attn|mlp\.0)</source>
            <translation>Lọc tensor (biểu thức chính quy, ví dụ attn|mlp\.0)</translation>
        </message>
        <message>
            <location line="+36" />
            <source>SQNR vs bits/value</source>
            <translation>SQNR theo bit/giá trị</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Heat map</source>
            <translation>Bản đồ nhiệt</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Budget:</source>
            <translation>Ngân sách:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The planner chooses one scheme per tensor so that the model's bits/value stay within the budget and the global SQNR is as high as it can be</source>
            <translation>Bộ lập kế hoạch chọn một lược đồ cho mỗi tensor sao cho số bit/giá trị của mô hình nằm trong ngân sách và SQNR toàn cục cao nhất có thể</translation>
        </message>
        <message>
            <location line="+8" />
            <location line="+242" />
            <source>%1 bits/value</source>
            <translation>%1 bit/giá trị</translation>
        </message>
        <message>
            <location line="-230" />
            <source>The plan: one scheme per tensor, then the llama-quantize options</source>
            <translation>Kế hoạch: một lược đồ cho mỗi tensor, rồi các tùy chọn llama-quantize</translation>
        </message>
        <message>
            <location line="+40" />
            <source>Open model</source>
            <translation>Mở mô hình</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Models (*.safetensors *.json *.gguf *.pt *.pth *.bin *.npz *.npy *.onnx);;All files (*)</source>
            <translation>Mô hình (*.safetensors *.json *.gguf *.pt *.pth *.bin *.npz *.npy *.onnx);;Mọi tệp (*)</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Schemes: %1</source>
            <translation>Lược đồ: %1</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Scanning %1</source>
            <translation>Đang quét %1</translation>
        </message>
        <message numerus="yes">
            <location line="+77" />
            <source>%1: %n tensor(s) measured</source>
            <translation>
                <numerusform>%1: đã đo %n tensor</numerusform>
            </translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <location line="+17" />
            <source>&lt;b&gt;%1&lt;/b&gt; %2 dB at %3 bits/value</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; %2 dB với %3 bit/giá trị</translation>
        </message>
        <message numerus="yes">
            <location line="+7" />
            <source> %n tensor(s) not read (see the JSON export).</source>
            <translation>
                <numerusform> %n tensor không đọc được (xem tệp JSON xuất ra).</numerusform>
            </translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open a checkpoint to measure every tensor under every scheme.</source>
            <translation>Mở một checkpoint để đo mọi tensor với mọi lược đồ.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Model totals (global SQNR, weighted by values): %1.%2</source>
            <translation>Tổng của mô hình (SQNR toàn cục, có trọng số theo số giá trị): %1.%2</translation>
        </message>
        <message>
            <location line="+50" />
            <source>No plan fits %1 bits/value; the cheapest needs %2.</source>
            <translation>Không kế hoạch nào vừa %1 bit/giá trị; kế hoạch rẻ nhất cần %2.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Plan (%1): %2 bits/value, global SQNR %3 dB, %4 bytes</source>
            <translation>Kế hoạch (%1): %2 bit/giá trị, SQNR toàn cục %3 dB, %4 byte</translation>
        </message>
        <message>
            <location line="+1" />
            <source>exact</source>
            <translation>chính xác</translation>
        </message>
        <message>
            <location line="+0" />
            <source>greedy</source>
            <translation>tham lam</translation>
        </message>
        <message>
            <location line="+12" />
            <source># llama-quantize options:</source>
            <translation># Tùy chọn llama-quantize:</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Not a regular expression: filtering by the text as typed</source>
            <translation>Không phải biểu thức chính quy: lọc theo đúng văn bản đã gõ</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Nothing to export: open a model first</source>
            <translation>Không có gì để xuất: hãy mở một mô hình trước</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Export report</source>
            <translation>Xuất báo cáo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>PDF report (*.pdf);;Figures (*.png *.svg);;Table (*.csv);;Report with the plan (*.json)</source>
            <translation>Báo cáo PDF (*.pdf);;Hình (*.png *.svg);;Bảng (*.csv);;Báo cáo kèm kế hoạch (*.json)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Exported %1</source>
            <translation>Đã xuất %1</translation>
        </message>
    </context>
    <context>
        <name>qs::MxBlockPanel</name>
        <message>
            <location filename="../../ui/bitlab/mxblockpanel.cpp" line="+50" />
            <source>The element format of the MX block; all 32 elements share one 8-bit power-of-two scale.</source>
            <translation>Định dạng phần tử của khối MX; cả 32 phần tử dùng chung một scale 8 bit là lũy thừa của 2.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Up to 32 numbers separated by commas or spaces; missing elements are 0. Press Return to quantize.</source>
            <translation>Tối đa 32 số cách nhau bằng dấu phẩy hoặc dấu cách; phần tử thiếu bằng 0. Nhấn Enter để lượng tử hóa.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Worked example</source>
            <translation>Bài mẫu</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The MXFP4 block of the course: X = 16, decoded 96, 16, 0, 0, −32, 8, 0.</source>
            <translation>Khối MXFP4 trong bài giảng: X = 16, giải mã thành 96, 16, 0, 0, −32, 8, 0.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Random block</source>
            <translation>Khối ngẫu nhiên</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A bell-shaped block with one outlier, to see the outlier set the scale.</source>
            <translation>Một khối hình chuông có một giá trị ngoại lai, để thấy giá trị ngoại lai quyết định scale.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Elements:</source>
            <translation>Phần tử:</translation>
        </message>
        <message>
            <location line="+17" />
            <source>The shared scale as E8M0 bits: an unsigned biased exponent, X = 2^(code − 127).</source>
            <translation>Scale dùng chung dưới dạng bit E8M0: số mũ không dấu đã cộng bias, X = 2^(mã − 127).</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Element %1: input, its bits in the element format, and the decoded value (element × X).</source>
            <translation>Phần tử %1: đầu vào, các bit của nó trong định dạng phần tử, và giá trị giải mã (phần tử × X).</translation>
        </message>
        <message>
            <location line="+84" />
            <source>amax = %1, ⌊log&lt;sub&gt;2&lt;/sub&gt; amax⌋ = %2, emax of %3 = %4&lt;br&gt;&lt;b&gt;X = 2&lt;sup&gt;%2 − %4&lt;/sup&gt; = 2&lt;sup&gt;%5&lt;/sup&gt; = %6&lt;/b&gt;, E8M0 code %7 = %8</source>
            <translation>amax = %1, ⌊log&lt;sub&gt;2&lt;/sub&gt; amax⌋ = %2, emax của %3 = %4&lt;br&gt;&lt;b&gt;X = 2&lt;sup&gt;%2 − %4&lt;/sup&gt; = 2&lt;sup&gt;%5&lt;/sup&gt; = %6&lt;/b&gt;, mã E8M0 %7 = %8</translation>
        </message>
        <message>
            <location line="+19" />
            <source>#%1  %2</source>
            <translation>#%1  %2</translation>
        </message>
        <message>
            <location line="+3" />
            <source>→ %1</source>
            <translation>→ %1</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Element %1 saturated: %2 / X = %3 is beyond the element format's largest value and was clamped.</source>
            <translation>Phần tử %1 bão hòa: %2 / X = %3 vượt giá trị lớn nhất của định dạng phần tử và đã bị kẹp.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Element %1: %2 / X = %3, rounded to nearest-even, decodes to %4.</source>
            <translation>Phần tử %1: %2 / X = %3, làm tròn về gần nhất (hòa về chẵn), giải mã thành %4.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Each element stores x / X rounded to nearest-even and saturated at ±%1 (× X = ±%2). &lt;b style='color:#D55E00'&gt;%3 element(s) saturated.&lt;/b&gt; Storage: %4 bits per element (%5 + 8 scale bits / 32).</source>
            <translation>Mỗi phần tử lưu x / X làm tròn về gần nhất (hòa về chẵn) và bão hòa ở ±%1 (× X = ±%2). &lt;b style='color:#D55E00'&gt;%3 phần tử bị bão hòa.&lt;/b&gt; Bộ nhớ: %4 bit mỗi phần tử (%5 + 8 bit scale / 32).</translation>
        </message>
        <message>
            <location line="+13" />
            <source> Elements %1–31 are 0.</source>
            <translation> Các phần tử %1–31 bằng 0.</translation>
        </message>
        <message>
            <location line="+3" />
            <source> &lt;span style='color:#D55E00'&gt;Ignored: %1&lt;/span&gt;</source>
            <translation> &lt;span style='color:#D55E00'&gt;Bỏ qua: %1&lt;/span&gt;</translation>
        </message>
    </context>
    <context>
        <name>qs::NumberLinePanel</name>
        <message>
            <location filename="../../ui/bitlab/numberlinepanel.cpp" line="+47" />
            <source>Each tick is one representable value; drag or scroll to pan and zoom along the axis.</source>
            <translation>Mỗi vạch là một giá trị biểu diễn được; kéo hoặc cuộn để di chuyển và phóng to dọc trục.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Log scale, both signs</source>
            <translation>Thang log, cả hai dấu</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Linear scale</source>
            <translation>Thang tuyến tính</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Log: every power-of-two interval (binade) is equally wide. Linear: the real spacing, where values crowd toward zero.</source>
            <translation>Log: mọi khoảng lũy thừa của 2 (binade) rộng như nhau. Tuyến tính: khoảng cách thật, các giá trị dồn về phía 0.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Axis:</source>
            <translation>Trục:</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Also show:</source>
            <translation>Hiện thêm:</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Draw the values of %1 as another row.</source>
            <translation>Vẽ các giá trị của %1 thành một hàng nữa.</translation>
        </message>
        <message>
            <location line="+179" />
            <source>x = %1</source>
            <translation>x = %1</translation>
        </message>
        <message>
            <location line="+22" />
            <source>value (log₂ of the magnitude, mirrored for negative numbers)</source>
            <translation>giá trị (log₂ của độ lớn, lấy đối xứng cho số âm)</translation>
        </message>
        <message>
            <location line="+9" />
            <source>value (linear)</source>
            <translation>giá trị (tuyến tính)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Each tick is a representable value; the orange band holds the numbers that round to the stored value. </source>
            <translation>Mỗi vạch là một giá trị biểu diễn được; dải màu cam chứa các số được làm tròn thành giá trị lưu. </translation>
        </message>
        <message>
            <location line="+2" />
            <source>On this log axis every binade [2&lt;sup&gt;k&lt;/sup&gt;, 2&lt;sup&gt;k+1&lt;/sup&gt;) is equally wide and holds the same number of values, so their spacing halves with each binade toward zero; the linear axis shows the density doubling.</source>
            <translation>Trên trục log này mọi binade [2&lt;sup&gt;k&lt;/sup&gt;, 2&lt;sup&gt;k+1&lt;/sup&gt;) rộng như nhau và chứa cùng số giá trị, nên khoảng cách giữa chúng giảm một nửa sau mỗi binade về phía 0; trục tuyến tính cho thấy mật độ tăng gấp đôi.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>On a linear axis the values crowd toward zero: each binade closer to zero is half as wide but holds as many values, so the density doubles.</source>
            <translation>Trên trục tuyến tính các giá trị dồn về phía 0: mỗi binade gần 0 hơn chỉ rộng bằng một nửa nhưng chứa cùng số giá trị, nên mật độ tăng gấp đôi.</translation>
        </message>
        <message>
            <location line="+3" />
            <source> %1 has %2 codes: only the %3 nearest the current value are drawn.</source>
            <translation> %1 có %2 mã: chỉ vẽ %3 mã gần giá trị hiện tại nhất.</translation>
        </message>
    </context>
    <context>
        <name>qs::OutliersPage</name>
        <message>
            <location filename="../../ui/modellab/outlierspage.cpp" line="+22" />
            <source>Bit width of the activations and weights.</source>
            <translation>Độ rộng bit của activation và trọng số.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>How many of the 512 channels carry outliers 20–60× larger than the rest.</source>
            <translation>Bao nhiêu trong 512 kênh chứa giá trị ngoại lai lớn gấp 20–60 lần phần còn lại.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>LLM.int8(): columns with any |x| at or above this stay in float16.</source>
            <translation>LLM.int8(): các cột có |x| nào đó từ ngưỡng này trở lên được giữ ở float16.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Seed of the generated activations and weights.</source>
            <translation>Seed để sinh activation và trọng số.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Run</source>
            <translation>Chạy</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Quantizes X four ways and compares the errors of X and of Y = X·Wᵀ.</source>
            <translation>Lượng tử hóa X theo bốn cách và so sánh sai số của X và của Y = X·Wᵀ.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>X: 64 tokens × 512 channels of LLM-like activations; a few channels are huge. One scale per tensor is stretched by them; per token still suffers; per channel fixes it but cannot be factored out of an integer matmul; LLM.int8() keeps the outlier columns in float.</source>
            <translation>X: 64 token × 512 kênh activation giống LLM; vài kênh có giá trị rất lớn. Một scale cho cả tensor bị chúng kéo giãn; theo token vẫn bị ảnh hưởng; theo kênh khắc phục được nhưng không tách ra khỏi phép nhân ma trận số nguyên được; LLM.int8() giữ các cột ngoại lai ở float.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Bits:</source>
            <translation>Số bit:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Outlier channels:</source>
            <translation>Số kênh ngoại lai:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>LLM.int8() threshold:</source>
            <translation>Ngưỡng LLM.int8():</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Seed:</source>
            <translation>Seed:</translation>
        </message>
        <message>
            <location line="+10" />
            <source>channel</source>
            <translation>kênh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>max |x| over tokens</source>
            <translation>max |x| trên các token</translation>
        </message>
        <message>
            <location line="+8" />
            <source>method</source>
            <translation>phương pháp</translation>
        </message>
        <message>
            <location line="+1" />
            <source>relative error of Y (%)</source>
            <translation>sai số tương đối của Y (%)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>‖Ŷ − Y‖ / ‖Y‖</source>
            <translation>‖Ŷ − Y‖ / ‖Y‖</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Method</source>
            <translation>Phương pháp</translation>
        </message>
        <message>
            <location line="+0" />
            <source>X SQNR (dB)</source>
            <translation>SQNR của X (dB)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Y SQNR (dB)</source>
            <translation>SQNR của Y (dB)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Y relative error</source>
            <translation>Sai số tương đối của Y</translation>
        </message>
        <message>
            <location line="+0" />
            <source>X MSE</source>
            <translation>MSE của X</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Kept in float</source>
            <translation>Giữ ở float</translation>
        </message>
        <message>
            <location line="+70" />
            <source>Outlier study: %1 outlier columns</source>
            <translation>Khảo sát ngoại lai: %1 cột ngoại lai</translation>
        </message>
    </context>
    <context>
        <name>qs::OverflowPanel</name>
        <message>
            <location filename="../../ui/bitlab/overflowpanel.cpp" line="+71" />
            <source>Ready-made cases: FP16 overflow, a vanishing gradient, absorption of a small addend, and where even FP32 gives up.</source>
            <translation>Các ví dụ có sẵn: FP16 tràn số, gradient biến mất, số hạng nhỏ bị nuốt mất, và chỗ ngay cả FP32 cũng chịu thua.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>10000 × 10000: FP16 overflows</source>
            <translation>10000 × 10000: FP16 tràn số</translation>
        </message>
        <message>
            <location line="+1" />
            <source>1e-8 × 1e-3: a tiny gradient vanishes in FP16</source>
            <translation>1e-8 × 1e-3: gradient rất nhỏ biến mất trong FP16</translation>
        </message>
        <message>
            <location line="+1" />
            <source>60000 + 10000: a sum overflows FP16</source>
            <translation>60000 + 10000: tổng làm FP16 tràn số</translation>
        </message>
        <message>
            <location line="+1" />
            <source>1 + 0.001: BF16 loses the small addend</source>
            <translation>1 + 0.001: BF16 làm mất số hạng nhỏ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>3e38 × 10: even FP32 overflows</source>
            <translation>3e38 × 10: ngay cả FP32 cũng tràn số</translation>
        </message>
        <message>
            <location line="+1" />
            <source>1e-30 × 1e-20: even FP32 underflows</source>
            <translation>1e-30 × 1e-20: ngay cả FP32 cũng tràn dưới</translation>
        </message>
        <message>
            <location line="+3" />
            <source>First operand (a decimal number).</source>
            <translation>Toán hạng thứ nhất (một số thập phân).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Second operand (a decimal number).</source>
            <translation>Toán hạng thứ hai (một số thập phân).</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The operation.</source>
            <translation>Phép toán.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Format</source>
            <translation>Định dạng</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Stored result</source>
            <translation>Kết quả lưu</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Bits</source>
            <translation>Bit</translation>
        </message>
        <message>
            <location line="+0" />
            <source>What happened</source>
            <translation>Chuyện gì đã xảy ra</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Relative error</source>
            <translation>Sai số tương đối</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The same exact result rounded once into each format.</source>
            <translation>Cùng một kết quả chính xác, làm tròn một lần vào từng định dạng.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Example:</source>
            <translation>Ví dụ:</translation>
        </message>
        <message>
            <location line="+38" />
            <source>OVERFLOW: beyond %1 → %2</source>
            <translation>TRÀN SỐ: vượt %1 → %2</translation>
        </message>
        <message>
            <location line="+4" />
            <source>UNDERFLOW: below %1, flushes to zero → 0</source>
            <translation>TRÀN DƯỚI: nhỏ hơn %1, đẩy về 0 → 0</translation>
        </message>
        <message>
            <location line="+1" />
            <source>UNDERFLOW: below %1 → 0</source>
            <translation>TRÀN DƯỚI: nhỏ hơn %1 → 0</translation>
        </message>
        <message>
            <location line="+5" />
            <source>subnormal: below %1, precision lost</source>
            <translation>subnormal: nhỏ hơn %1, mất độ chính xác</translation>
        </message>
        <message>
            <location line="+2" />
            <source>UNDERFLOW: below %1, rounded to %2</source>
            <translation>TRÀN DƯỚI: nhỏ hơn %1, làm tròn thành %2</translation>
        </message>
        <message>
            <location line="+3" />
            <source>rounded</source>
            <translation>đã làm tròn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>exact</source>
            <translation>chính xác</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Enter two numbers.</source>
            <translation>Hãy nhập hai số.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Exact result %1 %2 %3 = &lt;b&gt;%4&lt;/b&gt;, rounded &lt;b&gt;once&lt;/b&gt; into each format (nearest, ties to even). The operands are taken as typed, not rounded first.</source>
            <translation>Kết quả chính xác %1 %2 %3 = &lt;b&gt;%4&lt;/b&gt;, làm tròn &lt;b&gt;một lần&lt;/b&gt; vào từng định dạng (gần nhất, hòa về chẵn). Các toán hạng được lấy đúng như đã gõ, không làm tròn trước.</translation>
        </message>
        <message>
            <location line="+46" />
            <source>&lt;b&gt;FP16 overflows&lt;/b&gt; (its largest value is 65504) while &lt;b&gt;BF16&lt;/b&gt; keeps FP32's 8 exponent bits and its range up to 3.4·10&lt;sup&gt;38&lt;/sup&gt;, at the price of precision.</source>
            <translation>&lt;b&gt;FP16 tràn số&lt;/b&gt; (giá trị lớn nhất của nó là 65504) trong khi &lt;b&gt;BF16&lt;/b&gt; giữ 8 bit số mũ của FP32 và phạm vi tới 3,4·10&lt;sup&gt;38&lt;/sup&gt;, đổi lại mất độ chính xác.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&lt;b&gt;FP16 loses the tiny value&lt;/b&gt; (its smallest subnormal is 5.96·10&lt;sup&gt;−8&lt;/sup&gt;) while &lt;b&gt;BF16&lt;/b&gt; still reaches 1.18·10&lt;sup&gt;−38&lt;/sup&gt;: small gradients survive.</source>
            <translation>&lt;b&gt;FP16 làm mất giá trị rất nhỏ&lt;/b&gt; (subnormal nhỏ nhất của nó là 5,96·10&lt;sup&gt;−8&lt;/sup&gt;) trong khi &lt;b&gt;BF16&lt;/b&gt; vẫn xuống tới 1,18·10&lt;sup&gt;−38&lt;/sup&gt;: gradient nhỏ vẫn còn.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Even FP32 cannot hold this result.</source>
            <translation>Ngay cả FP32 cũng không chứa nổi kết quả này.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Compare the relative errors: FP16 has 10 mantissa bits, BF16 only 7.</source>
            <translation>So sánh sai số tương đối: FP16 có 10 bit định trị, BF16 chỉ có 7.</translation>
        </message>
        <message>
            <location line="+1" />
            <source> That is why training uses &lt;b&gt;mixed precision&lt;/b&gt;: FP32 master weights, FP16 or BF16 for the compute (FP16 with loss scaling to keep gradients in range).</source>
            <translation> Vì vậy huấn luyện dùng &lt;b&gt;mixed precision&lt;/b&gt;: trọng số gốc FP32, tính toán bằng FP16 hoặc BF16 (FP16 kèm loss scaling để giữ gradient trong phạm vi).</translation>
        </message>
    </context>
    <context>
        <name>qs::PtqPage</name>
        <message>
            <location filename="../../ui/modellab/ptqpage.cpp" line="+51" />
            <source>Quantize weights</source>
            <translation>Lượng tử hóa trọng số</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Replace every weight matrix by its dequantized values (simulated quantization).</source>
            <translation>Thay mỗi ma trận trọng số bằng các giá trị đã giải lượng tử của nó (lượng tử hóa mô phỏng).</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Any quantizer of the core: intN, uintN, float formats, nf4, mxfp4, kmeans:BITS…</source>
            <translation>Mọi bộ lượng tử hóa của phần lõi: intN, uintN, các định dạng dấu phẩy động, nf4, mxfp4, kmeans:BITS…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>One scale per output channel (channel:0), per tensor, or per block of N weights.</source>
            <translation>Một scale cho mỗi kênh đầu ra (channel:0), cho cả tensor, hoặc cho mỗi khối N trọng số.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Symmetric: zero point 0, S = max|w| / qmax; asymmetric: a zero point fits [min, max].</source>
            <translation>Đối xứng: zero-point bằng 0, S = max|w| / qmax; bất đối xứng: một zero-point khớp với [min, max].</translation>
        </message>
        <message>
            <location line="+1" />
            <source>How the clipping range of the weights is chosen.</source>
            <translation>Cách chọn khoảng cắt của trọng số.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Quantize activations</source>
            <translation>Lượng tử hóa activation</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Fake-quantize the input of every layer (the pixels, then the ReLU outputs).</source>
            <translation>Fake-quantize đầu vào của mọi lớp (các pixel, rồi đầu ra ReLU).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Quantizer of the activations; ReLU outputs are one-sided, so uintN wastes no level.</source>
            <translation>Bộ lượng tử hóa của activation; đầu ra ReLU chỉ có một phía, nên uintN không phí mức nào.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Calibration method of the static activation ranges (min-max, percentile, entropy/KL, MSE).</source>
            <translation>Phương pháp hiệu chỉnh các khoảng activation tĩnh (min-max, percentile, entropy/KL, MSE).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The activation ranges are calibrated on this many training images.</source>
            <translation>Các khoảng activation được hiệu chỉnh trên chừng này ảnh huấn luyện.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Weights</source>
            <translation>Trọng số</translation>
        </message>
        <message>
            <location line="+3" />
            <location line="+7" />
            <source>Quantizer:</source>
            <translation>Bộ lượng tử hóa:</translation>
        </message>
        <message>
            <location line="-6" />
            <source>Granularity:</source>
            <translation>Độ mịn:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Scheme:</source>
            <translation>Sơ đồ:</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+5" />
            <source>Calibration:</source>
            <translation>Hiệu chỉnh:</translation>
        </message>
        <message>
            <location line="-4" />
            <source>Activations</source>
            <translation>Activation</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Calibration images:</source>
            <translation>Ảnh hiệu chỉnh:</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Preset %1: weights intN symmetric per channel, activations uintN per tensor, min-max.</source>
            <translation>Mẫu %1: trọng số intN đối xứng theo kênh, activation uintN theo tensor, min-max.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Run PTQ</source>
            <translation>Chạy PTQ</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Quantize with these settings, add a table row and sweep 2–8 bits.</source>
            <translation>Lượng tử hóa với thiết lập này, thêm một hàng vào bảng và quét từ 2 tới 8 bit.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Presets:</source>
            <translation>Mẫu có sẵn:</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Configuration</source>
            <translation>Cấu hình</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Accuracy</source>
            <translation>Độ chính xác</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Δ vs float</source>
            <translation>Δ so với float</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Weight SQNR (dB)</source>
            <translation>SQNR trọng số (dB)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Bits / weight</source>
            <translation>Bit / trọng số</translation>
        </message>
        <message>
            <location line="+9" />
            <source>bit width (bits)</source>
            <translation>độ rộng bit (bit)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>test accuracy (%)</source>
            <translation>độ chính xác kiểm tra (%)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>float32</source>
            <translation>float32</translation>
        </message>
        <message>
            <location line="+2" />
            <source>weights (activations as set)</source>
            <translation>trọng số (activation theo thiết lập)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>activations (weights as set)</source>
            <translation>activation (trọng số theo thiết lập)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>weights and activations</source>
            <translation>trọng số và activation</translation>
        </message>
        <message>
            <location line="+50" />
            <source>&lt;span style='color:#b00020'&gt;%1&lt;/span&gt;</source>
            <translation>&lt;span style='color:#b00020'&gt;%1&lt;/span&gt;</translation>
        </message>
        <message>
            <location line="+61" />
            <source>Train the network first (Train page).</source>
            <translation>Hãy huấn luyện mạng trước (trang Huấn luyện).</translation>
        </message>
        <message>
            <location line="+7" />
            <source>PTQ: %1</source>
            <translation>PTQ: %1</translation>
        </message>
        <message>
            <location line="+24" />
            <source>PTQ %1: accuracy %2</source>
            <translation>PTQ %1: độ chính xác %2</translation>
        </message>
        <message>
            <location line="+20" />
            <source> points</source>
            <translation> điểm</translation>
        </message>
        <message>
            <location line="+1" />
            <source>float</source>
            <translation>float</translation>
        </message>
    </context>
    <context>
        <name>qs::QatPage</name>
        <message>
            <location filename="../../ui/modellab/qatpage.cpp" line="+24" />
            <source>weights (activations uint8)</source>
            <translation>trọng số (activation uint8)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>weights and activations</source>
            <translation>trọng số và activation</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Which part gets the bit width of the sweep; the other stays at 8 bits.</source>
            <translation>Phần nào nhận độ rộng bit của lượt quét; phần còn lại giữ 8 bit.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Epochs of fine-tuning with fake quantization, per bit width.</source>
            <translation>Số epoch tinh chỉnh với fake quantization, cho mỗi độ rộng bit.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>%1 bits</source>
            <translation>%1 bit</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The QAT run whose weights the histogram shows.</source>
            <translation>Lượt chạy QAT có trọng số được vẽ trên histogram.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Run PTQ vs QAT</source>
            <translation>Chạy PTQ và QAT</translation>
        </message>
        <message>
            <location line="+2" />
            <source>For 8, 4, 3 and 2 bits: quantize after training (PTQ), then fine-tune with fake quantization and the straight-through estimator (QAT).</source>
            <translation>Với 8, 4, 3 và 2 bit: lượng tử hóa sau huấn luyện (PTQ), rồi tinh chỉnh với fake quantization và straight-through estimator (QAT).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>QAT fine-tunes with quantized weights in the forward pass; the straight-through estimator passes the gradient through round() where the weight is inside the clipping range.</source>
            <translation>QAT tinh chỉnh với trọng số đã lượng tử hóa ở lượt truyền xuôi; straight-through estimator cho gradient đi xuyên qua round() khi trọng số nằm trong khoảng cắt.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Bits of:</source>
            <translation>Số bit của:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>QAT epochs:</source>
            <translation>Số epoch QAT:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Histogram of:</source>
            <translation>Histogram của:</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Bits</source>
            <translation>Bit</translation>
        </message>
        <message>
            <location line="+0" />
            <location line="+18" />
            <source>PTQ</source>
            <translation>PTQ</translation>
        </message>
        <message>
            <location line="-18" />
            <location line="+18" />
            <source>QAT</source>
            <translation>QAT</translation>
        </message>
        <message>
            <location line="-5" />
            <source>bit width (bits)</source>
            <translation>độ rộng bit (bit)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>test accuracy (%)</source>
            <translation>độ chính xác kiểm tra (%)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>float32</source>
            <translation>float32</translation>
        </message>
        <message>
            <location line="+13" />
            <source>weight value (all layers)</source>
            <translation>giá trị trọng số (mọi lớp)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>count (weights per bin)</source>
            <translation>số lượng (trọng số mỗi ô)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>before QAT (float)</source>
            <translation>trước QAT (float)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>after QAT (float shadow weights)</source>
            <translation>sau QAT (trọng số float bóng)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>after QAT, quantized</source>
            <translation>sau QAT, đã lượng tử hóa</translation>
        </message>
        <message>
            <location line="+11" />
            <source>count (quantized levels, red)</source>
            <translation>số lượng (các mức lượng tử hóa, màu đỏ)</translation>
        </message>
        <message>
            <location line="+56" />
            <source>Train the network first (Train page).</source>
            <translation>Hãy huấn luyện mạng trước (trang Huấn luyện).</translation>
        </message>
        <message>
            <location line="+7" />
            <source>QAT…</source>
            <translation>QAT…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>QAT at %1 bits</source>
            <translation>QAT ở %1 bit</translation>
        </message>
        <message>
            <location line="+39" />
            <source>PTQ vs QAT done</source>
            <translation>Đã xong PTQ và QAT</translation>
        </message>
    </context>
    <context>
        <name>qs::QuantizerPanel</name>
        <message>
            <location filename="../../ui/explorer/quantizerpanel.cpp" line="+94" />
            <source>The set of values the data is rounded to: an integer grid, a float format, or a list of levels.</source>
            <translation>Tập giá trị mà dữ liệu được làm tròn về: một lưới số nguyên, một định dạng dấu phẩy động, hoặc một danh sách mức.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Bits per code: b bits give 2^b levels, and each extra bit halves the step.</source>
            <translation>Số bit mỗi mã: b bit cho 2^b mức, và mỗi bit thêm vào làm bước giảm một nửa.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>symmetric (Z = 0)</source>
            <translation>đối xứng (Z = 0)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>asymmetric (zero point)</source>
            <translation>bất đối xứng (zero-point)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Symmetric centres the grid on 0; asymmetric slides it so it starts at the data's minimum.</source>
            <translation>Đối xứng đặt tâm lưới tại 0; bất đối xứng trượt lưới để nó bắt đầu tại giá trị nhỏ nhất của dữ liệu.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Narrow range drops the most negative code so the grid is symmetric around 0.</source>
            <translation>Khoảng hẹp bỏ mã âm nhất để lưới đối xứng quanh 0.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>textbook</source>
            <translation>giáo trình</translation>
        </message>
        <message>
            <location line="+1" />
            <source>PyTorch</source>
            <translation>PyTorch</translation>
        </message>
        <message>
            <location line="+1" />
            <source>NVIDIA</source>
            <translation>NVIDIA</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Whose formulas for scale and zero point to follow (they differ in small details).</source>
            <translation>Theo công thức scale và zero-point của ai (chúng khác nhau ở chi tiết nhỏ).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>per tensor</source>
            <translation>theo tensor</translation>
        </message>
        <message>
            <location line="+1" />
            <source>per channel</source>
            <translation>theo kênh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>per block</source>
            <translation>theo khối</translation>
        </message>
        <message>
            <location line="+1" />
            <source>How many values share one scale: all of them, one channel, or one block.</source>
            <translation>Bao nhiêu giá trị dùng chung một scale: tất cả, một kênh, hay một khối.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The axis whose slices each get their own scale (0: rows, the output channels).</source>
            <translation>Trục mà mỗi lát cắt theo nó có scale riêng (0: hàng, tức các kênh đầu ra).</translation>
        </message>
        <message>
            <location line="-18" />
            <location line="+196" />
            <source>full</source>
            <translation>đầy đủ</translation>
        </message>
        <message>
            <location line="-195" />
            <location line="+195" />
            <source>narrow</source>
            <translation>hẹp</translation>
        </message>
        <message>
            <location line="-174" />
            <source>Consecutive values along a row that share one scale.</source>
            <translation>Các giá trị liên tiếp dọc theo một hàng dùng chung một hệ số tỉ lệ.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>rows of the 2-D weight view</source>
            <translation>các hàng của dạng trọng số 2 chiều</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the channel axis above</source>
            <translation>trục kênh ở trên</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the flattened tensor</source>
            <translation>tensor được làm phẳng</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Where blocks run: along the rows of [dim 0, product of the others] as llama.cpp, bitsandbytes and torchao block a weight, along one axis, or over the flattened tensor (blocks cross rows).</source>
            <translation>Hướng của các khối: dọc theo các hàng của [chiều 0, tích các chiều còn lại] như llama.cpp, bitsandbytes và torchao chia khối một trọng số, dọc theo một trục, hoặc trên tensor được làm phẳng (khối vượt qua ranh giới hàng).</translation>
        </message>
        <message>
            <location line="+6" />
            <source>How each group's scale is stored: it is rounded to this format before use and counted at its width in bits/value (auto: fp32; E8M0 for MX; fp16 for llama.cpp).</source>
            <translation>Cách lưu hệ số tỉ lệ của mỗi nhóm: được làm tròn về định dạng này trước khi dùng và tính theo độ rộng của nó trong bit/giá trị (auto: fp32; E8M0 cho MX; fp16 cho llama.cpp).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>pad partial rows</source>
            <translation>đệm các hàng thiếu</translation>
        </message>
        <message>
            <location line="+2" />
            <source>llama.cpp formats refuse rows that are not a whole number of blocks; padding stores whole blocks and counts them in bits/value.</source>
            <translation>Các định dạng llama.cpp từ chối các hàng không chia hết thành khối; khi đệm, các khối trọn vẹn được lưu và tính vào bit/giá trị.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>How x / S becomes an integer: ties to even (the default, as PyTorch and IEEE 754 do), ties away from zero (school rounding, as in hand calculations), toward zero, floor, or stochastic (seeded).</source>
            <translation>Cách x / S trở thành số nguyên: làm tròn nửa về số chẵn (mặc định, như PyTorch và IEEE 754), nửa ra xa số 0 (cách làm tròn ở trường, như khi tính tay), về phía 0, làm tròn xuống, hoặc ngẫu nhiên (có seed).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>scale to fit</source>
            <translation>co giãn cho vừa</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Float formats: divide by a scale so the largest |x| lands on the format's largest value.</source>
            <translation>Định dạng dấu phẩy động: chia cho một scale để |x| lớn nhất rơi vào giá trị lớn nhất của định dạng.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>off</source>
            <translation>tắt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>keep elements |x| ≥ T</source>
            <translation>giữ phần tử |x| ≥ T</translation>
        </message>
        <message>
            <location line="+1" />
            <source>keep columns (LLM.int8())</source>
            <translation>giữ cột (LLM.int8())</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Keep outliers in full precision so they no longer stretch the grid (LLM.int8() mixed precision).</source>
            <translation>Giữ giá trị ngoại lai ở độ chính xác đầy đủ để chúng không còn kéo giãn lưới (mixed precision kiểu LLM.int8()).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Values with |x| at or above this threshold count as outliers.</source>
            <translation>Giá trị có |x| từ ngưỡng này trở lên được coi là ngoại lai.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Number of histogram bins of the plots (does not change the quantization).</source>
            <translation>Số ô histogram của đồ thị (không thay đổi việc lượng tử hóa).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Quantizer</source>
            <translation>&amp;Bộ lượng tử hóa</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Bits</source>
            <translation>&amp;Bit</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Scheme</source>
            <translation>&amp;Sơ đồ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ran&amp;ge</source>
            <translation>&amp;Khoảng</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Con&amp;vention</source>
            <translation>&amp;Quy ước</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Granular&amp;ity</source>
            <translation>Độ &amp;mịn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Channel a&amp;xis</source>
            <translation>&amp;Trục kênh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Bloc&amp;k size</source>
            <translation>Cỡ &amp;khối</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+19" />
            <source>Blocks along</source>
            <translation>Khối theo</translation>
        </message>
        <message>
            <location line="-18" />
            <location line="+20" />
            <source>Padding</source>
            <translation>Đệm</translation>
        </message>
        <message>
            <location line="-19" />
            <location line="+18" />
            <source>Scale storage</source>
            <translation>Lưu scale</translation>
        </message>
        <message>
            <location line="-17" />
            <source>R&amp;ounding</source>
            <translation>&amp;Làm tròn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Float scale</source>
            <translation>Tỉ lệ số thực</translation>
        </message>
        <message>
            <location line="+1" />
            <source>O&amp;utliers</source>
            <translation>&amp;Ngoại lai</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Threshold</source>
            <translation>N&amp;gưỡng</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Histogram bi&amp;ns</source>
            <translation>Số ô &amp;histogram</translation>
        </message>
        <message>
            <location line="+5" />
            <location line="+48" />
            <location line="+22" />
            <source>Quantizer</source>
            <translation>Bộ lượng tử hóa</translation>
        </message>
        <message>
            <location line="-69" />
            <source>Scheme</source>
            <translation>Sơ đồ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Range</source>
            <translation>Phạm vi</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Convention</source>
            <translation>Quy ước</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Granularity</source>
            <translation>Độ mịn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Rounding</source>
            <translation>Làm tròn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Outlier mode</source>
            <translation>Chế độ ngoại lai</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Bits</source>
            <translation>Bit</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Channel axis</source>
            <translation>Trục kênh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Block size</source>
            <translation>Cỡ khối</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Outlier threshold</source>
            <translation>Ngưỡng ngoại lai</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Histogram bins</source>
            <translation>Số ô histogram</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Format scaling</source>
            <translation>Co giãn định dạng</translation>
        </message>
        <message>
            <location line="+92" />
            <source>%1 (%2 … %3)</source>
            <translation>%1 (%2 … %3)</translation>
        </message>
        <message>
            <location filename="../../ui/settings/externaltexts.cpp" line="+3" />
            <source>intN (signed integer grid)</source>
            <translation>intN (lưới số nguyên có dấu)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>uintN (unsigned integer grid)</source>
            <translation>uintN (lưới số nguyên không dấu)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>NF4 (bitsandbytes)</source>
            <translation>NF4 (bitsandbytes)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>log2 (powers of two)</source>
            <translation>log2 (lũy thừa của 2)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>k-means levels</source>
            <translation>các mức k-means</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Q8_0 (llama.cpp)</source>
            <translation>Q8_0 (llama.cpp)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Q4_0 (llama.cpp)</source>
            <translation>Q4_0 (llama.cpp)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Q4_1 (llama.cpp)</source>
            <translation>Q4_1 (llama.cpp)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Q5_0 (llama.cpp)</source>
            <translation>Q5_0 (llama.cpp)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Q5_1 (llama.cpp)</source>
            <translation>Q5_1 (llama.cpp)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>IQ4_NL (llama.cpp)</source>
            <translation>IQ4_NL (llama.cpp)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Q2_K (llama.cpp)</source>
            <translation>Q2_K (llama.cpp)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Q3_K (llama.cpp)</source>
            <translation>Q3_K (llama.cpp)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Q4_K (llama.cpp)</source>
            <translation>Q4_K (llama.cpp)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Q5_K (llama.cpp)</source>
            <translation>Q5_K (llama.cpp)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Q6_K (llama.cpp)</source>
            <translation>Q6_K (llama.cpp)</translation>
        </message>
    </context>
    <context>
        <name>qs::QuizView</name>
        <message>
            <location filename="../../ui/quiz/quizview.cpp" line="+48" />
            <source>Topic:</source>
            <translation>Chủ đề:</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Practise the questions of one lesson topic, or all of them.</source>
            <translation>Luyện các câu hỏi của một chủ đề bài học, hoặc của tất cả.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Correct answers since the quiz was opened or restarted; the best session is kept.</source>
            <translation>Số câu đúng kể từ khi mở hoặc bắt đầu lại câu đố; lượt tốt nhất được lưu lại.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Restart</source>
            <translation>Bắt đầu lại</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Start a new session: the score goes back to zero.</source>
            <translation>Bắt đầu lượt mới: điểm trở về 0.</translation>
        </message>
        <message>
            <location line="+59" />
            <source>Check</source>
            <translation>Kiểm tra</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Commit to your prediction; the core computes the answer and grades it.</source>
            <translation>Chốt dự đoán của bạn; phần lõi tính đáp án và chấm điểm.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Show in the app</source>
            <translation>Xem trong ứng dụng</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Open the part of the app that shows this answer live.</source>
            <translation>Mở phần của ứng dụng cho thấy đáp án này trực tiếp.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Back</source>
            <translation>Quay lại</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Next</source>
            <translation>Tiếp</translation>
        </message>
        <message>
            <location line="+46" />
            <location line="+11" />
            <source>Export the quiz</source>
            <translation>Xuất câu đố</translation>
        </message>
        <message>
            <location line="-10" />
            <source>Moodle XML (*.xml);;GIFT (*.gift *.txt)</source>
            <translation>Moodle XML (*.xml);;GIFT (*.gift *.txt)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Quiz exported to %1</source>
            <translation>Đã xuất câu đố vào %1</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The quiz questions could not be loaded: %1</source>
            <translation>Không nạp được các câu hỏi: %1</translation>
        </message>
        <message>
            <location line="+21" />
            <source>All topics (%1 questions)</source>
            <translation>Mọi chủ đề (%1 câu hỏi)</translation>
        </message>
        <message>
            <location line="+51" />
            <source>Restart the quiz</source>
            <translation>Làm lại câu đố</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start a new session? This session's %1 answers and its score are cleared (the best score is kept).</source>
            <translation>Bắt đầu phiên mới? %1 câu trả lời và điểm của phiên này sẽ bị xoá (điểm cao nhất được giữ lại).</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Cannot write %1: %2</source>
            <translation>Không ghi được %1: %2</translation>
        </message>
        <message>
            <location line="+44" />
            <source>Question %1 of %2</source>
            <translation>Câu %1 / %2</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No questions.</source>
            <translation>Không có câu hỏi.</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Already answered in this session.</source>
            <translation>Câu này đã trả lời trong lượt này.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>&lt;span style='color:#1b5e9f'&gt;&lt;b&gt;Teacher:&lt;/b&gt; the answer is &lt;b&gt;%1&lt;/b&gt;&lt;/span&gt;</source>
            <translation>&lt;span style='color:#1b5e9f'&gt;&lt;b&gt;Giáo viên:&lt;/b&gt; đáp án là &lt;b&gt;%1&lt;/b&gt;&lt;/span&gt;</translation>
        </message>
        <message>
            <location line="+20" />
            <source>This question cannot be graded: %1</source>
            <translation>Không chấm được câu hỏi này: %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Type a number first (e.g. 56, 0x38, 6/255).</source>
            <translation>Hãy gõ một số trước (ví dụ 56, 0x38, 6/255).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>I can't read that: %1. Try e.g. 56, 0x38, 0b0011_1000, 6/255, 1e-3.</source>
            <translation>Tôi không đọc được câu trả lời: %1. Hãy thử ví dụ 56, 0x38, 0b0011_1000, 6/255, 1e-3.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Pick one option first.</source>
            <translation>Hãy chọn một phương án trước.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Try again: %1 attempt(s) left.</source>
            <translation>Hãy thử lại: còn %1 lần.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not correct; try again.</source>
            <translation>Chưa đúng; hãy thử lại.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Correct!</source>
            <translation>Đúng rồi!</translation>
        </message>
        <message>
            <location line="-13" />
            <location line="+13" />
            <source>Not quite.</source>
            <translation>Chưa đúng.</translation>
        </message>
        <message>
            <location line="-368" />
            <source>How many tries a question allows before its answer is shown.</source>
            <translation>Mỗi câu cho thử bao nhiêu lần trước khi hiện đáp án.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Teacher mode</source>
            <translation>Chế độ giáo viên</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show every answer as the core computes it, and offer the export for Moodle.</source>
            <translation>Hiện mọi đáp án do lõi tính ra và cho phép xuất sang Moodle.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export for Moodle…</source>
            <translation>Xuất cho Moodle…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Save the questions with their computed answers as Moodle XML or GIFT.</source>
            <translation>Lưu các câu hỏi cùng đáp án đã tính dưới dạng Moodle XML hoặc GIFT.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Attempts per question:</source>
            <translation>Số lần thử mỗi câu:</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Your prediction, e.g. 42, 0x2a, 0b101010, 0 10000011 1001001…, 3/255, 2^-7, 1e-3</source>
            <translation>Dự đoán của bạn, ví dụ 42, 0x2a, 0b101010, 0 10000011 1001001…, 3/255, 2^-7, 1e-3</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Type a number: decimal, hexadecimal (0x), binary (0b or bits with spaces), a fraction, a power or scientific notation.</source>
            <translation>Gõ một số: thập phân, thập lục phân (0x), nhị phân (0b hoặc các bit cách nhau bằng dấu cách), phân số, luỹ thừa hoặc ký hiệu khoa học.</translation>
        </message>
        <message>
            <location line="+334" />
            <source>The answer is</source>
            <translation>Đáp án là</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Correct.</source>
            <translation>Đúng.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not correct; the answer is %1.</source>
            <translation>Chưa đúng; đáp án là %1.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>%1 / %2 correct (best: %3)</source>
            <translation>Đúng %1 / %2 (tốt nhất: %3)</translation>
        </message>
    </context>
    <context>
        <name>qs::ReportTableModel</name>
        <message>
            <location filename="../../ui/modelview/reporttablemodel.cpp" line="+137" />
            <source>Double-click to open this tensor in the Explorer</source>
            <translation>Nhấp đúp để mở tensor này trong Explorer</translation>
        </message>
        <message>
            <location line="+14" />
            <source>%1
SQNR dB</source>
            <translation>%1
SQNR dB</translation>
        </message>
        <message>
            <location line="+0" />
            <source>%1
bits/value</source>
            <translation>%1
bit/giá trị</translation>
        </message>
        <message>
            <location line="+2" />
            <source>10 log10(Σx² / Σ(x − x̂)²) of %1 on this tensor; — when it does not apply</source>
            <translation>10 log10(Σx² / Σ(x − x̂)²) của %1 trên tensor này; — khi không áp dụng được</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Everything %1 stores (codes, scales, zero points, padding) per value</source>
            <translation>Mọi thứ %1 lưu (mã, hệ số tỉ lệ, điểm không, phần đệm) tính trên mỗi giá trị</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Tensor</source>
            <translation>Tensor</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Shape</source>
            <translation>Kích thước</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Type</source>
            <translation>Kiểu</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Values</source>
            <translation>Số giá trị</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Absmax</source>
            <translation>Absmax</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Std</source>
            <translation>Độ lệch chuẩn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kurtosis</source>
            <translation>Độ nhọn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Outlier ratio</source>
            <translation>Tỉ lệ ngoại lai</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Outlier channel</source>
            <translation>Kênh ngoại lai</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Plan</source>
            <translation>Kế hoạch</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Excess kurtosis m4/m2² − 3: 0 for a normal distribution, large for heavy tails</source>
            <translation>Độ nhọn dư m4/m2² − 3: bằng 0 với phân phối chuẩn, lớn khi đuôi nặng</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The largest channel absmax over the median channel absmax (channels along dim 0)</source>
            <translation>Absmax lớn nhất của các kênh chia cho absmax trung vị của các kênh (kênh theo chiều 0)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The channel holding the largest absmax</source>
            <translation>Kênh chứa absmax lớn nhất</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The scheme the planner chose for this tensor under the budget</source>
            <translation>Lược đồ mà bộ lập kế hoạch chọn cho tensor này trong ngân sách</translation>
        </message>
    </context>
    <context>
        <name>qs::Session</name>
        <message>
            <location filename="../../ui/session/session.cpp" line="+198" />
            <source>not enough memory for this tensor</source>
            <translation>không đủ bộ nhớ cho tensor này</translation>
        </message>
        <message>
            <location line="+59" />
            <source>Reset example</source>
            <translation>Đặt lại ví dụ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Example data</source>
            <translation>Dữ liệu ví dụ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Example settings</source>
            <translation>Thiết lập ví dụ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Example view</source>
            <translation>Khung nhìn ví dụ</translation>
        </message>
    </context>
    <context>
        <name>qs::SettingsDialog</name>
        <message>
            <location filename="../../ui/settings/settingsdialog.cpp" line="+33" />
            <source>Settings</source>
            <translation>Cài đặt</translation>
        </message>
        <message>
            <location line="+5" />
            <source>System default</source>
            <translation>Theo hệ thống</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The language of menus, lessons and quiz; "System default" follows the desktop's language.</source>
            <translation>Ngôn ngữ của menu, bài học và câu đố; "Theo hệ thống" dùng ngôn ngữ của màn hình nền.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Start in &amp;presentation mode</source>
            <translation>Khởi động ở chế độ &amp;trình chiếu</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Large fonts and thick lines from the start, for a projector.</source>
            <translation>Chữ to và nét dày ngay từ đầu, dành cho máy chiếu.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start with the &amp;dark theme</source>
            <translation>Khởi động với giao diện &amp;tối</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Light text on a dark background from the start, easier on the eyes in a dim room.</source>
            <translation>Chữ sáng trên nền tối ngay từ đầu, dễ nhìn hơn trong phòng thiếu sáng.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Language:</source>
            <translation>&amp;Ngôn ngữ:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>At start:</source>
            <translation>Khi khởi động:</translation>
        </message>
        <message>
            <location line="+36" />
            <source>The new language applies at the next start.</source>
            <translation>Ngôn ngữ mới có hiệu lực từ lần khởi động sau.</translation>
        </message>
        <message>
            <location line="+19" />
            <location line="+8" />
            <source>Language</source>
            <translation>Ngôn ngữ</translation>
        </message>
        <message>
            <location line="-7" />
            <source>The new language applies the next time Quantscope starts.</source>
            <translation>Ngôn ngữ mới có hiệu lực từ lần sau Quantscope khởi động.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Restart Now</source>
            <translation>&amp;Khởi động lại ngay</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Later</source>
            <translation>Để &amp;sau</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Quantscope could not start again by itself. Please close it and start it again.</source>
            <translation>Quantscope không tự khởi động lại được. Vui lòng đóng rồi mở lại chương trình.</translation>
        </message>
    </context>
    <context>
        <name>qs::StepsPanel</name>
        <message>
            <location filename="../../ui/bitlab/stepspanel.cpp" line="+26" />
            <source>In binary</source>
            <translation>Ở hệ nhị phân</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Biased exponent</source>
            <translation>Số mũ đã cộng bias</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Flush to zero</source>
            <translation>Đẩy về 0</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Format</source>
            <translation>Định dạng</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Fraction part</source>
            <translation>Phần phân số</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Input</source>
            <translation>Đầu vào</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Integer part</source>
            <translation>Phần nguyên</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Mantissa</source>
            <translation>Phần định trị</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Normalise</source>
            <translation>Chuẩn hóa</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Note: double rounding</source>
            <translation>Lưu ý: làm tròn hai lần</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Overflow</source>
            <translation>Tràn số (overflow)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Out of range</source>
            <translation>Ngoài phạm vi</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Result</source>
            <translation>Kết quả</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Rounding</source>
            <translation>Làm tròn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Saturation</source>
            <translation>Bão hòa</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Scale</source>
            <translation>Scale</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sign</source>
            <translation>Dấu</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Infinity</source>
            <translation>Vô cực</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not a number</source>
            <translation>Không phải số (NaN)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Subnormal range</source>
            <translation>Vùng subnormal</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Zero</source>
            <translation>Số 0</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Two's complement</source>
            <translation>Bù hai</translation>
        </message>
        <message>
            <location line="+29" />
            <source>The number being converted, the target format and the rounding mode.</source>
            <translation>Số đang được chuyển, định dạng đích và chế độ làm tròn.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The bits of the result; the bits the selected step decides are outlined, the others dimmed.</source>
            <translation>Các bit của kết quả; các bit do bước đang chọn quyết định được viền, các bit khác bị làm mờ.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The steps of the conversion; select one to see what it decides.</source>
            <translation>Các bước chuyển đổi; chọn một bước để xem nó quyết định điều gì.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>What this step does with the number.</source>
            <translation>Bước này làm gì với số.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>◀ Previous step</source>
            <translation>◀ Bước trước</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Go back one step of the conversion.</source>
            <translation>Lùi lại một bước chuyển đổi.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next step ▶</source>
            <translation>Bước sau ▶</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Go on to the next step of the conversion.</source>
            <translation>Sang bước chuyển đổi tiếp theo.</translation>
        </message>
        <message>
            <location line="+49" />
            <source>&lt;b&gt;Converting %1 to %2&lt;/b&gt;, rounding %3%4</source>
            <translation>&lt;b&gt;Chuyển %1 sang %2&lt;/b&gt;, làm tròn %3%4</translation>
        </message>
        <message>
            <location line="+3" />
            <source>, saturating</source>
            <translation>, có bão hòa</translation>
        </message>
    </context>
    <context>
        <name>qs::TensorPicker</name>
        <message>
            <location filename="../../ui/explorer/tensorpicker.cpp" line="+85" />
            <source>Type to search the tensors</source>
            <translation>Gõ để tìm tensor</translation>
        </message>
    </context>
    <context>
        <name>qs::TrainPage</name>
        <message>
            <location filename="../../ui/modellab/trainpage.cpp" line="+47" />
            <source>An epoch is one pass over the 1,438 training images.</source>
            <translation>Một epoch là một lượt đi qua 1.438 ảnh huấn luyện.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Units of the hidden layer: the network is 64 pixels → hidden (ReLU) → 10 digits.</source>
            <translation>Số nơ-ron của lớp ẩn: mạng là 64 pixel → lớp ẩn (ReLU) → 10 chữ số.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Step size of the Adam optimizer.</source>
            <translation>Bước nhảy (learning rate) của bộ tối ưu Adam.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The same seed gives the same split, initial weights and sample order, so the same accuracy.</source>
            <translation>Cùng seed cho cùng cách chia dữ liệu, trọng số ban đầu và thứ tự mẫu, nên cho cùng độ chính xác.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Train</source>
            <translation>Huấn luyện</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Trains the network from scratch in float32 (a second or two).</source>
            <translation>Huấn luyện mạng từ đầu bằng float32 (mất một hai giây).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Epochs:</source>
            <translation>Số epoch:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Hidden units:</source>
            <translation>Nơ-ron ẩn:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Learning rate:</source>
            <translation>Learning rate:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Seed:</source>
            <translation>Seed:</translation>
        </message>
        <message>
            <location line="+3" />
            <source>A multilayer perceptron 64-32-10 learns the UCI optical digits (8×8 images, 1,438 for training, 359 for testing). Train it here, then quantize it on the next pages.</source>
            <translation>Một mạng perceptron nhiều lớp 64-32-10 học tập chữ số quang học UCI (ảnh 8×8, 1.438 ảnh để huấn luyện, 359 ảnh để kiểm tra). Huấn luyện nó ở đây, rồi lượng tử hóa nó ở các trang sau.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Not trained yet.</source>
            <translation>Chưa huấn luyện.</translation>
        </message>
        <message>
            <location line="+17" />
            <source>epoch</source>
            <translation>epoch</translation>
        </message>
        <message>
            <location line="+1" />
            <source>loss (cross-entropy, nats)</source>
            <translation>loss (cross-entropy, nat)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>accuracy (%)</source>
            <translation>độ chính xác (%)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>training loss</source>
            <translation>loss huấn luyện</translation>
        </message>
        <message>
            <location line="+3" />
            <source>training accuracy</source>
            <translation>độ chính xác khi huấn luyện</translation>
        </message>
        <message>
            <location line="+3" />
            <source>test accuracy</source>
            <translation>độ chính xác khi kiểm tra</translation>
        </message>
        <message>
            <location line="+56" />
            <source>Training stopped: %1</source>
            <translation>Huấn luyện đã dừng: %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Training…</source>
            <translation>Đang huấn luyện…</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Test accuracy %1 (%2 of %3 images)
network %4, %5 parameters</source>
            <translation>Độ chính xác kiểm tra %1 (%2 / %3 ảnh)
mạng %4, %5 tham số</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Trained: test accuracy %1</source>
            <translation>Đã huấn luyện: độ chính xác kiểm tra %1</translation>
        </message>
    </context>
    <context>
        <name>qs::ValuePanel</name>
        <message>
            <location filename="../../ui/bitlab/valuepanel.cpp" line="+67" />
            <source>Value of these bits</source>
            <translation>Giá trị của các bit này</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The exact decimal value of the bit pattern, every digit: a binary fraction always has a finite decimal expansion.</source>
            <translation>Giá trị thập phân chính xác của dãy bit, đủ mọi chữ số: một phân số nhị phân luôn có biểu diễn thập phân hữu hạn.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The value in scientific notation, rounded to 10 significant digits.</source>
            <translation>Giá trị ở dạng ký hiệu khoa học, làm tròn tới 10 chữ số có nghĩa.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The bit pattern as a hexadecimal number.</source>
            <translation>Dãy bit dưới dạng số thập lục phân.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>zero, subnormal (below the smallest normal, with less precision), normal, inf or nan.</source>
            <translation>zero, subnormal (nhỏ hơn số chuẩn nhỏ nhất, kém chính xác hơn), normal, inf hoặc nan.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Unit in the last place: the gap from this value to the next one of larger magnitude.</source>
            <translation>Đơn vị ở vị trí cuối (ULP): khoảng cách từ giá trị này tới giá trị kế tiếp có độ lớn lớn hơn.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>◀ −1 ULP</source>
            <translation>◀ −1 ULP</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Step to the next smaller representable value.</source>
            <translation>Sang giá trị biểu diễn được nhỏ hơn kế tiếp.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>+1 ULP ▶</source>
            <translation>+1 ULP ▶</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Step to the next larger representable value.</source>
            <translation>Sang giá trị biểu diễn được lớn hơn kế tiếp.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Exact:</source>
            <translation>Chính xác:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Scientific:</source>
            <translation>Khoa học:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Hex:</source>
            <translation>Hex:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Class:</source>
            <translation>Loại:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>ULP here:</source>
            <translation>ULP tại đây:</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Type a number</source>
            <translation>Gõ một số</translation>
        </message>
        <message>
            <location line="+3" />
            <source>e.g. 25.125, 1e-8, 2^-9, inf</source>
            <translation>ví dụ 25.125, 1e-8, 2^-9, inf</translation>
        </message>
        <message>
            <location line="+1" />
            <source>A decimal number to store in this format; press Return to encode it.</source>
            <translation>Một số thập phân để lưu trong định dạng này; nhấn Enter để mã hóa.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>nearest, ties to even</source>
            <translation>gần nhất, hòa về chẵn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>nearest, ties away</source>
            <translation>gần nhất, hòa ra xa 0</translation>
        </message>
        <message>
            <location line="+1" />
            <source>toward zero (truncate)</source>
            <translation>về 0 (cắt bỏ)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>toward +∞ (ceil)</source>
            <translation>về +∞ (ceil)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>toward −∞ (floor)</source>
            <translation>về −∞ (floor)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>stochastic</source>
            <translation>ngẫu nhiên</translation>
        </message>
        <message>
            <location line="+1" />
            <source>How a number between two representable values is rounded: IEEE's default is nearest with ties to even; stochastic rounds up with probability equal to the distance from the lower value.</source>
            <translation>Cách làm tròn một số nằm giữa hai giá trị biểu diễn được: mặc định của IEEE là gần nhất, hòa về chẵn; làm tròn ngẫu nhiên làm tròn lên với xác suất bằng khoảng cách tới giá trị dưới.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>seed </source>
            <translation>seed </translation>
        </message>
        <message>
            <location line="+1" />
            <source>Seed of the stochastic rounding draws; each encode uses the next draw.</source>
            <translation>Seed của các lần rút khi làm tròn ngẫu nhiên; mỗi lần mã hóa dùng lần rút kế tiếp.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The value actually stored: the typed number rounded into this format.</source>
            <translation>Giá trị thật sự được lưu: số đã gõ làm tròn vào định dạng này.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Absolute error: stored value − typed value.</source>
            <translation>Sai số tuyệt đối: giá trị lưu − giá trị đã gõ.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Relative error: |stored − typed| / |typed|; at most epsilon/2 for round-to-nearest in the normal range.</source>
            <translation>Sai số tương đối: |lưu − đã gõ| / |đã gõ|; tối đa epsilon/2 khi làm tròn về gần nhất trong vùng chuẩn.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Whether the number was stored exactly, rounded, overflowed (too large) or underflowed (too small, lost to zero or to a subnormal).</source>
            <translation>Số được lưu chính xác, bị làm tròn, tràn số (quá lớn) hay tràn dưới (quá nhỏ, thành 0 hoặc thành subnormal).</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Stored:</source>
            <translation>Giá trị lưu:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Abs. error:</source>
            <translation>Sai số tuyệt đối:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Rel. error:</source>
            <translation>Sai số tương đối:</translation>
        </message>
        <message>
            <location line="+117" />
            <source>&lt;span style='color:#D55E00'&gt;“%1” is not a number&lt;/span&gt;</source>
            <translation>&lt;span style='color:#D55E00'&gt;“%1” không phải là số&lt;/span&gt;</translation>
        </message>
        <message>
            <location line="+38" />
            <source>none (largest value)</source>
            <translation>không có (giá trị lớn nhất)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>– (not a finite number)</source>
            <translation>– (không phải số hữu hạn)</translation>
        </message>
        <message>
            <location line="+25" />
            <source>&lt;b style='color:#D55E00'&gt;overflow&lt;/b&gt;: beyond the largest finite value, stored as %1</source>
            <translation>&lt;b style='color:#D55E00'&gt;tràn số&lt;/b&gt;: vượt giá trị hữu hạn lớn nhất, lưu thành %1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&lt;b style='color:#0072B2'&gt;underflow&lt;/b&gt;: too small, lost to zero</source>
            <translation>&lt;b style='color:#0072B2'&gt;tràn dưới&lt;/b&gt;: quá nhỏ, thành 0</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;b style='color:#0072B2'&gt;underflow&lt;/b&gt;: subnormal, precision lost</source>
            <translation>&lt;b style='color:#0072B2'&gt;tràn dưới&lt;/b&gt;: thành subnormal, mất độ chính xác</translation>
        </message>
        <message>
            <location line="+6" />
            <source>rounded (%1)</source>
            <translation>đã làm tròn (%1)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>stored exactly</source>
            <translation>lưu chính xác</translation>
        </message>
        <message>
            <location line="+1" />
            <source>equals the double nearest to %1</source>
            <translation>bằng số double gần %1 nhất</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&lt;i&gt;%1 has no finite binary expansion: errors are measured from the nearest double, %2&lt;/i&gt;</source>
            <translation>&lt;i&gt;%1 không có biểu diễn nhị phân hữu hạn: sai số được đo từ số double gần nhất, %2&lt;/i&gt;</translation>
        </message>
    </context>
</TS>
