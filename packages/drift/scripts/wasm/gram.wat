;; Dot products of a block of rows of X with a block of rows of Y, row-major float64 in linear memory:
;; out[i * ny + j] = x_i . y_j for i < nx, j < ny. nx even, ny a multiple of 4, dim even (callers pad
;; with zero rows / columns, which add nothing to a dot product). Register-blocked micro-kernel: two X
;; rows by four Y rows, eight f64x2 accumulators (eight independent add chains, enough to hide the add
;; latency), the k loop innermost over contiguous rows: six 16-byte loads per sixteen multiply / add
;; operations (the previous 2 x 2 kernel: four loads per eight). Each lane of an accumulator sums the
;; even or odd k in order; the two lanes are added at the end, so a dot product is summed in that fixed
;; order whatever the block position (results do not depend on blocking). Compiled by build.mjs into
;; src/embedding/gramWasm.ts.
;;
;; kw: the K·W update of one block pair (see rbfKernelTimes): for a < ni, b < nj (b > a when $diag),
;; with k = K[a * kstride + b], skipped when 0: O[i0 + a] += k W[j0 + b] and O[j0 + b] += k W[i0 + a],
;; rows of `width` float64 (even) in f64x2 lanes. Each element gets its additions in the (a, b) order of
;; the plain-JS loop and a lane's mul then add rounds as JS does, so the result is the same.
(module
  (memory (export "memory") 1)
  (func (export "gram") (param $x i32) (param $nx i32) (param $y i32) (param $ny i32) (param $dim i32) (param $out i32)
    (local $i i32) (local $j i32) (local $k i32) (local $row i32)
    (local $x0 i32) (local $x1 i32) (local $y0 i32) (local $y1 i32) (local $y2 i32) (local $y3 i32) (local $o0 i32) (local $o1 i32)
    (local $a00 v128) (local $a01 v128) (local $a02 v128) (local $a03 v128) (local $a10 v128) (local $a11 v128) (local $a12 v128) (local $a13 v128)
    (local $u v128) (local $v v128) (local $p v128)
    (local.set $row (i32.shl (local.get $dim) (i32.const 3)))
    (block $iend (loop $iloop
      (br_if $iend (i32.ge_u (local.get $i) (local.get $nx)))
      (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $row))))
      (local.set $x1 (i32.add (local.get $x0) (local.get $row)))
      (local.set $o0 (i32.add (local.get $out) (i32.shl (i32.mul (local.get $i) (local.get $ny)) (i32.const 3))))
      (local.set $o1 (i32.add (local.get $o0) (i32.shl (local.get $ny) (i32.const 3))))
      (local.set $j (i32.const 0))
      (block $jend (loop $jloop
        (br_if $jend (i32.ge_u (local.get $j) (local.get $ny)))
        (local.set $y0 (i32.add (local.get $y) (i32.mul (local.get $j) (local.get $row))))
        (local.set $y1 (i32.add (local.get $y0) (local.get $row)))
        (local.set $y2 (i32.add (local.get $y1) (local.get $row)))
        (local.set $y3 (i32.add (local.get $y2) (local.get $row)))
        (local.set $a00 (v128.const f64x2 0 0))
        (local.set $a01 (v128.const f64x2 0 0))
        (local.set $a02 (v128.const f64x2 0 0))
        (local.set $a03 (v128.const f64x2 0 0))
        (local.set $a10 (v128.const f64x2 0 0))
        (local.set $a11 (v128.const f64x2 0 0))
        (local.set $a12 (v128.const f64x2 0 0))
        (local.set $a13 (v128.const f64x2 0 0))
        (local.set $k (i32.const 0))
        (block $kend (loop $kloop
          (br_if $kend (i32.ge_u (local.get $k) (local.get $row)))
          (local.set $u (v128.load (i32.add (local.get $x0) (local.get $k))))
          (local.set $v (v128.load (i32.add (local.get $x1) (local.get $k))))
          (local.set $p (v128.load (i32.add (local.get $y0) (local.get $k))))
          (local.set $a00 (f64x2.add (local.get $a00) (f64x2.mul (local.get $u) (local.get $p))))
          (local.set $a10 (f64x2.add (local.get $a10) (f64x2.mul (local.get $v) (local.get $p))))
          (local.set $p (v128.load (i32.add (local.get $y1) (local.get $k))))
          (local.set $a01 (f64x2.add (local.get $a01) (f64x2.mul (local.get $u) (local.get $p))))
          (local.set $a11 (f64x2.add (local.get $a11) (f64x2.mul (local.get $v) (local.get $p))))
          (local.set $p (v128.load (i32.add (local.get $y2) (local.get $k))))
          (local.set $a02 (f64x2.add (local.get $a02) (f64x2.mul (local.get $u) (local.get $p))))
          (local.set $a12 (f64x2.add (local.get $a12) (f64x2.mul (local.get $v) (local.get $p))))
          (local.set $p (v128.load (i32.add (local.get $y3) (local.get $k))))
          (local.set $a03 (f64x2.add (local.get $a03) (f64x2.mul (local.get $u) (local.get $p))))
          (local.set $a13 (f64x2.add (local.get $a13) (f64x2.mul (local.get $v) (local.get $p))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br $kloop)))
        (f64.store (local.get $o0) (f64.add (f64x2.extract_lane 0 (local.get $a00)) (f64x2.extract_lane 1 (local.get $a00))))
        (f64.store offset=8 (local.get $o0) (f64.add (f64x2.extract_lane 0 (local.get $a01)) (f64x2.extract_lane 1 (local.get $a01))))
        (f64.store offset=16 (local.get $o0) (f64.add (f64x2.extract_lane 0 (local.get $a02)) (f64x2.extract_lane 1 (local.get $a02))))
        (f64.store offset=24 (local.get $o0) (f64.add (f64x2.extract_lane 0 (local.get $a03)) (f64x2.extract_lane 1 (local.get $a03))))
        (f64.store (local.get $o1) (f64.add (f64x2.extract_lane 0 (local.get $a10)) (f64x2.extract_lane 1 (local.get $a10))))
        (f64.store offset=8 (local.get $o1) (f64.add (f64x2.extract_lane 0 (local.get $a11)) (f64x2.extract_lane 1 (local.get $a11))))
        (f64.store offset=16 (local.get $o1) (f64.add (f64x2.extract_lane 0 (local.get $a12)) (f64x2.extract_lane 1 (local.get $a12))))
        (f64.store offset=24 (local.get $o1) (f64.add (f64x2.extract_lane 0 (local.get $a13)) (f64x2.extract_lane 1 (local.get $a13))))
        (local.set $o0 (i32.add (local.get $o0) (i32.const 32)))
        (local.set $o1 (i32.add (local.get $o1) (i32.const 32)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $jloop)))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $iloop))))
  (func (export "kw") (param $k i32) (param $ni i32) (param $nj i32) (param $kstride i32) (param $diag i32)
    (param $wi i32) (param $wj i32) (param $oi i32) (param $oj i32) (param $width i32)
    (local $a i32) (local $b i32) (local $c i32) (local $rb i32) (local $kab v128) (local $kv f64)
    (local $wa i32) (local $oa i32) (local $wb i32) (local $ob i32)
    (local.set $rb (i32.shl (local.get $width) (i32.const 3)))
    (block $aend (loop $aloop
      (br_if $aend (i32.ge_u (local.get $a) (local.get $ni)))
      (local.set $wa (i32.add (local.get $wi) (i32.mul (local.get $a) (local.get $rb))))
      (local.set $oa (i32.add (local.get $oi) (i32.mul (local.get $a) (local.get $rb))))
      (local.set $b (select (i32.add (local.get $a) (i32.const 1)) (i32.const 0) (local.get $diag)))
      (block $bend (loop $bloop
        (br_if $bend (i32.ge_u (local.get $b) (local.get $nj)))
        (local.set $kv (f64.load (i32.add (local.get $k) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $kstride)) (local.get $b)) (i32.const 3)))))
        (if (f64.ne (local.get $kv) (f64.const 0)) (then
          (local.set $kab (f64x2.splat (local.get $kv)))
          (local.set $wb (i32.add (local.get $wj) (i32.mul (local.get $b) (local.get $rb))))
          (local.set $ob (i32.add (local.get $oj) (i32.mul (local.get $b) (local.get $rb))))
          (local.set $c (i32.const 0))
          (block $cend (loop $cloop
            (br_if $cend (i32.ge_u (local.get $c) (local.get $rb)))
            (v128.store (i32.add (local.get $oa) (local.get $c))
              (f64x2.add (v128.load (i32.add (local.get $oa) (local.get $c)))
                (f64x2.mul (local.get $kab) (v128.load (i32.add (local.get $wb) (local.get $c))))))
            (v128.store (i32.add (local.get $ob) (local.get $c))
              (f64x2.add (v128.load (i32.add (local.get $ob) (local.get $c)))
                (f64x2.mul (local.get $kab) (v128.load (i32.add (local.get $wa) (local.get $c))))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $cloop)))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $bloop)))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $aloop))))
)
